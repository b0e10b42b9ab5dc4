"""Demo content of the knowledge base and the desk.

The topics are those the issue names. The acts are real: their kinds, titles, numbers,
dates and official addresses can be checked on zakon.rada.gov.ua; no article of them is
cited, since the demo must not put words into the law. The consultations are demonstration
examples written for the demo, marked so on every page (demomarks), phrased to send the
reader to the act and to the Centre rather than to state the law. The requests are made up
(example.org addresses) and exist only in admin, one or more in each status.
"""

import datetime

from django.utils import timezone

from demomarks.models import DemoFact
from legalhelp.factories import RequestFactory
from legalhelp.models import Citation, Consultation, ConsultationRequest, LegalAct, Topic

TOPICS = [
    ("land", "Земля та комунальна власність", "Land and communal property"),
    ("budget", "Бюджет", "Budgets"),
    ("cooperation", "Співробітництво громад", "Intermunicipal cooperation"),
    ("personnel", "Кадрові питання", "Personnel"),
    ("procurement", "Публічні закупівлі", "Procurement"),
    ("martial-law", "Воєнний стан", "Martial law"),
    ("recovery", "Відновлення", "Recovery"),
]

RADA = "https://zakon.rada.gov.ua/laws/show/"
ACTS = [
    (
        "law",
        "Про місцеве самоврядування в Україні",
        "On Local Self-Government in Ukraine",
        "280/97-ВР",
        datetime.date(1997, 5, 21),
        RADA + "280/97-%D0%B2%D1%80",
    ),
    (
        "law",
        "Про співробітництво територіальних громад",
        "On Cooperation of Territorial Communities",
        "1508-VII",
        datetime.date(2014, 6, 17),
        RADA + "1508-18",
    ),
    (
        "code",
        "Бюджетний кодекс України",
        "Budget Code of Ukraine",
        "2456-VI",
        datetime.date(2010, 7, 8),
        RADA + "2456-17",
    ),
    (
        "code",
        "Земельний кодекс України",
        "Land Code of Ukraine",
        "2768-III",
        datetime.date(2001, 10, 25),
        RADA + "2768-14",
    ),
    (
        "law",
        "Про публічні закупівлі",
        "On Public Procurement",
        "922-VIII",
        datetime.date(2015, 12, 25),
        RADA + "922-19",
    ),
    (
        "law",
        "Про правовий режим воєнного стану",
        "On the Legal Regime of Martial Law",
        "389-VIII",
        datetime.date(2015, 5, 12),
        RADA + "389-19",
    ),
]

DEMO = " (демонстраційний приклад)"
DEMO_EN = " (demonstration example)"
CAUTION_UK = (
    "<p>Це демонстраційний приклад відповіді, а не правова консультація Центру. Перевірте "
    "чинну редакцію акта на порталі Верховної Ради та зверніться до консультантів Центру "
    "з обставинами своєї громади.</p>"
)
CAUTION_EN = (
    "<p>This is a demonstration example, not legal advice of the Centre. Check the current "
    "wording of the act on the Verkhovna Rada's portal and ask the Centre's consultants about "
    "your hromada's circumstances.</p>"
)

CONSULTATIONS = [
    {
        "slug": "demo-spivrobitnytstvo-hromad",
        "topics": ["cooperation"],
        "acts": ["1508-VII", "280/97-ВР"],
        "title_uk": "З чого почати співробітництво кількох громад?" + DEMO,
        "title_en": "Where does cooperation between several hromadas begin?" + DEMO_EN,
        "short_uk": "Порядок і форми співробітництва визначає Закон «Про співробітництво "
        "територіальних громад»; почніть з його тексту і з консультації в Центрі.",
        "short_en": "The procedure and forms of cooperation are set by the Law on Cooperation "
        "of Territorial Communities; start with its text and a consultation at the Centre.",
        "body_uk": "<p>Закон «Про співробітництво територіальних громад» визначає, які форми "
        "співробітництва можливі і як його оформлюють. Перш ніж готувати рішення ради, "
        "прочитайте чинну редакцію закону і обговоріть задум із громадами-партнерами.</p>",
        "body_en": "<p>The Law on Cooperation of Territorial Communities sets out which forms "
        "of cooperation exist and how cooperation is formalised. Before drafting a council "
        "decision, read the law's current wording and discuss the idea with partner hromadas.</p>",
        "deputies": True,
    },
    {
        "slug": "demo-biudzhet-hromady",
        "topics": ["budget"],
        "acts": ["2456-VI", "280/97-ВР"],
        "title_uk": "Де шукати правила складання бюджету громади?" + DEMO,
        "title_en": "Where are the rules for drawing up a hromada's budget?" + DEMO_EN,
        "short_uk": "Бюджетний процес регулює насамперед Бюджетний кодекс України; повноваження "
        "ради щодо бюджету названо також у Законі «Про місцеве самоврядування в Україні».",
        "short_en": "The budget process is governed first of all by the Budget Code of Ukraine; "
        "the council's powers over the budget are also named in the Law on Local "
        "Self-Government in Ukraine.",
        "body_uk": "<p>Відповідь на конкретне питання залежить від етапу бюджетного процесу. "
        "Звірте своє питання з чинною редакцією Бюджетного кодексу України.</p>",
        "body_en": "<p>The answer to a particular question depends on the stage of the budget "
        "process. Compare your question with the current wording of the Budget Code.</p>",
        "deputies": True,
    },
    {
        "slug": "demo-zemli-komunalnoi-vlasnosti",
        "topics": ["land"],
        "acts": ["2768-III", "280/97-ВР"],
        "title_uk": "Який акт читати про землі комунальної власності?" + DEMO,
        "title_en": "Which act covers land in communal ownership?" + DEMO_EN,
        "short_uk": "Основний акт — Земельний кодекс України; перевірте його чинну редакцію "
        "перед рішенням ради.",
        "short_en": "The main act is the Land Code of Ukraine; check its current wording before "
        "the council decides.",
        "body_uk": "<p>Земельні питання громади часто стосуються кількох актів одночасно. "
        "Опишіть ситуацію консультантам Центру, щоб отримати відповідь щодо вашого випадку.</p>",
        "body_en": "<p>A hromada's land questions often involve several acts at once. Describe "
        "your situation to the Centre's consultants for an answer about your case.</p>",
        "residents": True,
    },
    {
        "slug": "demo-zakupivli",
        "topics": ["procurement", "recovery"],
        "acts": ["922-VIII"],
        "title_uk": "Чи кожна закупівля громади проходить через відкриті торги?" + DEMO,
        "title_en": "Does every purchase of a hromada go through open tenders?" + DEMO_EN,
        "short_uk": "Ні, процедура залежить від предмета і вартості закупівлі; її визначає "
        "Закон «Про публічні закупівлі» та пов'язані з ним акти.",
        "short_en": "No: the procedure depends on what is bought and its value, as the Law on "
        "Public Procurement and related acts set out.",
        "body_uk": "<p>Правила закупівель змінювалися кілька разів, зокрема у зв'язку з воєнним "
        "станом. Перевірте чинні правила на дату закупівлі.</p>",
        "body_en": "<p>The procurement rules have changed several times, also because of "
        "martial law. Check the rules in force on the date of the purchase.</p>",
        "overdue": True,
    },
    {
        "slug": "demo-voiennyi-stan",
        "topics": ["martial-law", "personnel"],
        "acts": ["389-VIII", "280/97-ВР"],
        "title_uk": "Де знайти правила роботи органів місцевого самоврядування під час "
        "воєнного стану?" + DEMO,
        "title_en": "Where are the rules for local self-government under martial law?" + DEMO_EN,
        "short_uk": "Почніть із Закону «Про правовий режим воєнного стану» і відповідних "
        "указів та постанов; вони часто змінюються.",
        "short_en": "Start with the Law on the Legal Regime of Martial Law and the related "
        "decrees and resolutions; they change often.",
        "body_uk": "<p>Під час воєнного стану діють особливі правила, що стосуються і кадрових "
        "питань. Консультанти Центру допоможуть знайти чинну норму для вашого питання.</p>",
        "body_en": "<p>Special rules apply under martial law, personnel matters included. The "
        "Centre's consultants help find the rule in force for your question.</p>",
    },
]


def load(command, **options):
    today = timezone.localdate()
    topics = {}
    for order, (slug, name_uk, name_en) in enumerate(TOPICS):
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug, defaults={"name_uk": name_uk, "name_en": name_en, "order": order}
        )
    acts = {}
    for kind, title_uk, title_en, number, adopted_on, url in ACTS:
        acts[number], _ = LegalAct.objects.update_or_create(
            number=number,
            defaults={
                "kind": kind,
                "title_uk": title_uk,
                "title_en": title_en,
                "adopted_on": adopted_on,
                "official_url": url,
            },
        )
    made = []
    for days_ago, data in enumerate(CONSULTATIONS):
        consultation = Consultation.objects.filter(slug=data["slug"]).first()
        if consultation is None:
            consultation = Consultation(slug=data["slug"])
        consultation.title_uk, consultation.title_en = data["title_uk"], data["title_en"]
        consultation.short_answer_uk = data["short_uk"]
        consultation.short_answer_en = data["short_en"]
        consultation.body_uk = data["body_uk"] + CAUTION_UK
        consultation.body_en = data["body_en"] + CAUTION_EN
        consultation.for_deputies = data.get("deputies", False)
        consultation.for_residents = data.get("residents", False)
        consultation.status = "published"
        consultation.publish_at = consultation.publish_at or timezone.now() - datetime.timedelta(
            days=days_ago + 1
        )
        consultation.valid_as_of = today - datetime.timedelta(days=30)
        consultation.review_by = today + datetime.timedelta(
            days=-10 if data.get("overdue") else 330
        )
        consultation.save()
        consultation.topics.set([topics[slug] for slug in data["topics"]])
        Citation.objects.filter(consultation=consultation).delete()
        for order, number in enumerate(data["acts"]):
            Citation.objects.create(consultation=consultation, act=acts[number], order=order)
        for fact in ("title", "body"):
            DemoFact.objects.mark(consultation, fact)
        made.append(consultation)
    made[0].related.set(made[1:2])
    _requests(topics)
    command.stdout.write(
        f"  legal help: {len(topics)} topics, {len(acts)} acts, {len(made)} consultations"
    )


def _requests(topics):
    """Demo requests in each status, made once."""
    if ConsultationRequest.objects.filter(email__endswith="@demo.example.org").exists():
        return
    Status = ConsultationRequest.Status
    now = timezone.now()
    plan = [
        (Status.NEW, 1, "budget", ""),
        (Status.NEW, 4, "land", ""),
        (Status.IN_WORK, 9, "cooperation", ""),
        (Status.ANSWER_SENT, 20, "procurement", "Демонстраційна відповідь консультанта."),
        (Status.CLOSED, 40, "personnel", "Демонстраційна відповідь консультанта."),
    ]
    for number, (status, days, topic, answer) in enumerate(plan):
        submitted = now - datetime.timedelta(days=days)
        RequestFactory(
            email=f"asker{number}@demo.example.org",
            question=(
                "Демонстраційне питання: як громаді діяти в ситуації, описаній тут лише для "
                "прикладу? Текст вигаданий для демонстрації роботи консультаційного пункту."
            ),
            topic=topics[topic],
            status=status,
            submitted_at=submitted,
            status_changed_at=submitted,
            answer=answer,
            answered_at=submitted + datetime.timedelta(days=3) if answer else None,
            confirmation_email_status=ConsultationRequest.EmailStatus.CONSOLE,
            answer_email_status=(
                ConsultationRequest.EmailStatus.CONSOLE
                if answer
                else ConsultationRequest.EmailStatus.PENDING
            ),
        )
