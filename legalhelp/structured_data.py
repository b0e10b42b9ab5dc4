"""JSON-LD of a consultation: an FAQPage, since the Centre writes both question and answer
(QAPage is for pages where users submit answers)."""

from django.utils.html import strip_tags


def faq_page(consultation, request):
    url = request.build_absolute_uri(consultation.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "inLanguage": request.LANGUAGE_CODE,
        "dateModified": consultation.modified_at.isoformat(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": consultation.title,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": " ".join(
                        [consultation.short_answer, strip_tags(consultation.body)]
                    ).strip(),
                },
            }
        ],
    }
