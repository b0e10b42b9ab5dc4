"""Demo content of the page tree: about the Centre (from the Centre's page, shared/seed) with
its team, contacts, accessibility statement, public information and reports, and the privacy
notice. What is not from a source is marked as a demo example (demomarks): the team's cards,
office hours, phone and e-mail."""

from django.core.files.base import ContentFile

from demomarks.models import DemoFact
from documents.models import Document
from media.factories import image_bytes
from media.models import Image
from pages.models import CallToAction, ContactCard, DocumentsBlock, ImageBlock, Page, RichText

ABOUT = {
    "title_uk": "Про Центр",
    "title_en": "About the Centre",
    "lead_uk": (
        "Метою роботи Центру є сприяння сталому розвитку місцевого самоврядування "
        "та відновлення територіальних громад Харківщини."
    ),
    "lead_en": (
        "The Centre's purpose is to promote the sustainable development of local "
        "self-government and the recovery of the territorial communities (hromadas) "
        "of Kharkiv oblast."
    ),
    "body_uk": (
        "<h2>Що ми робимо</h2>"
        "<ul>"
        "<li>надаємо інформаційну, методичну і правову допомогу органам місцевого "
        "самоврядування та громадам Харківщини;</li>"
        "<li>поширюємо новини та події для громад і їхніх мешканців;</li>"
        "<li>допомагаємо громадам долучатися до освітніх програм, зокрема з "
        "просторового планування;</li>"
        "<li>є осередком Асоціації, що об’єднує 62 місцеві ради Харківщини.</li>"
        "</ul>"
        "<h2>Де ми</h2>"
        "<p>Центр розміщується за адресою у Харкові: майдан Свободи, 5, Держпром, "
        "6 під’їзд.</p>"
    ),
    "body_en": (
        "<h2>What we do</h2>"
        "<ul>"
        "<li>we give information, methodical and legal assistance to the local "
        "self-government bodies and hromadas of Kharkiv oblast;</li>"
        "<li>we publish news and events for hromadas and their residents;</li>"
        "<li>we help hromadas take part in educational programs, such as programs "
        "in spatial planning;</li>"
        "<li>we host the Association, which unites 62 local councils of Kharkiv oblast.</li>"
        "</ul>"
        "<h2>Where we are</h2>"
        "<p>The Centre is in Kharkiv at 5 Svobody Square, Derzhprom, entrance 6.</p>"
    ),
}

# How long data are kept is not part of the text: the page states the period of the setting
# that purge_personal_data applies (templates/pages/page_privacy.html, core/retention.py).
PRIVACY = {
    "title_uk": "Повідомлення про обробку персональних даних",
    "title_en": "Privacy notice",
    "lead_uk": (
        "Як Центр обробляє персональні дані, які ви надаєте у формах сайту, "
        "зокрема у заявках на освітні програми."
    ),
    "lead_en": (
        "How the Centre processes the personal data you give in the site's forms, "
        "such as applications to educational programs."
    ),
    "body_uk": (
        "<p>Ми обробляємо персональні дані відповідно до Закону України "
        "«Про захист персональних даних».</p>"
        "<h2>Які дані ми збираємо</h2>"
        "<p>Ім’я, посаду, адресу електронної пошти та номер телефону контактної особи, "
        "а також відомості про громаду, які ви вказуєте в заявці.</p>"
        "<h2>Навіщо</h2>"
        "<p>Лише для розгляду заявки, зв’язку з вами щодо програми та звітності "
        "перед організаторами програми. Ми не публікуємо ці дані на сайті й не "
        "передаємо їх для реклами.</p>"
        "<h2>Ваші права</h2>"
        "<p>Ви можете дізнатися, які дані про вас зберігаються, вимагати їх виправлення "
        "або видалення, написавши на електронну адресу Центру.</p>"
    ),
    "body_en": (
        "<p>We process personal data in accordance with the Law of Ukraine "
        "“On Personal Data Protection”.</p>"
        "<h2>What we collect</h2>"
        "<p>The contact person's name, position, e-mail address and phone number, and "
        "the details about the hromada that you give in an application.</p>"
        "<h2>Why</h2>"
        "<p>Only to consider the application, to contact you about the program and to "
        "report to the program's organisers. We never publish these data on the site "
        "or pass them on for advertising.</p>"
        "<h2>Your rights</h2>"
        "<p>You may ask which data about you we keep, and have them corrected or "
        "deleted, by writing to the Centre's e-mail address.</p>"
    ),
}


ADDRESS_UK = "майдан Свободи, 5, Держпром, 6 під’їзд, Харків"
ADDRESS_EN = "5 Svobody Square, Derzhprom, entrance 6, Kharkiv"

TEAM = {
    "title_uk": "Команда",
    "title_en": "Team",
    "lead_uk": "Хто працює в Центрі і до кого звертатися.",
    "lead_en": "Who works at the Centre and whom to ask.",
    "text_uk": "<p>Склад команди Центру буде опубліковано на цій сторінці. Картки нижче "
    "показують, як виглядатиме сторінка: імен у них немає.</p>",
    "text_en": "<p>The Centre's team will be published on this page. The cards below show "
    "how the page will look: they hold no names.</p>",
}

TEAM_CARDS = [
    ("Керівник Центру", "Head of the Centre", "Ім’я буде додано", "The name will be added"),
    (
        "Юридична допомога громадам",
        "Legal assistance to hromadas",
        "Ім’я буде додано",
        "The name will be added",
    ),
]

CONTACTS = {
    "title_uk": "Контакти",
    "title_en": "Contacts",
    "lead_uk": "Як зв’язатися з Центром і як до нас дістатися.",
    "lead_en": "How to contact the Centre and how to reach us.",
    "text_uk": "<h2>Як дістатися</h2>"
    "<p>Держпром стоїть на майдані Свободи в Харкові. Найближчі станції метро — "
    "«Держпром» і «Університет». Вхід до Центру — через 6 під’їзд.</p>",
    "text_en": "<h2>How to get here</h2>"
    "<p>Derzhprom stands on Svobody Square in Kharkiv. The nearest metro stations are "
    "Derzhprom and Universytet. The Centre's entrance is entrance 6.</p>",
}

ACCESSIBILITY = {
    "title_uk": "Заява про доступність",
    "title_en": "Accessibility statement",
    "lead_uk": "Наскільки цей сайт доступний людям з інвалідністю, що ще не зроблено і як "
    "повідомити про проблему.",
    "lead_en": "How accessible this site is to people with disabilities, what is not done "
    "yet, and how to report a problem.",
    "text_uk": (
        "<p>Центр прагне, щоб цим сайтом могли користуватися всі, зокрема люди, які "
        "користуються програмами зчитування з екрана, клавіатурою замість миші або "
        "збільшенням екрана.</p>"
        "<h2>Стандарт</h2>"
        "<p>Ми орієнтуємося на рівень AA настанов WCAG 2.1 та на національний стандарт "
        "ДСТУ EN 301 549:2022 «Вимоги доступності до продуктів та послуг у сфері "
        "інформаційно-комунікаційних технологій».</p>"
        "<h2>Стан відповідності</h2>"
        "<p>Сайт <strong>частково відповідає</strong> цим вимогам. Незалежного аудиту "
        "доступності ще не проводили.</p>"
        "<h2>Що ми перевіряємо</h2>"
        "<ul>"
        "<li>кожен вид сторінки автоматично перевіряється інструментом axe на порушення "
        "WCAG 2.1 AA і на коректність HTML, перш ніж зміни потрапляють на сайт;</li>"
        "<li>сторінки перевіряються на ширині екрана 320 пікселів без горизонтальної "
        "прокрутки;</li>"
        "<li>кожна сторінка має посилання «Перейти до змісту», сайтом можна користуватися "
        "з клавіатури, а зображення мають текстовий опис: без нього зображення не можна "
        "розмістити.</li>"
        "</ul>"
        "<h2>Відомі обмеження</h2>"
        "<ul>"
        "<li>Документи в бібліотеці (PDF, DOCX, XLSX, ODT) готують різні автори, і не всі "
        "вони доступні; відскановані PDF не мають текстового шару. Якщо документ вам "
        "недоступний, напишіть нам — ми надішлемо його в доступному форматі.</li>"
        "<li>Перевірки з програмами зчитування з екрана людьми, які ними користуються, "
        "ще не проводилися.</li>"
        "</ul>"
        "<h2>Як повідомити про проблему</h2>"
        "<p>Якщо щось на сайті вам недоступне, напишіть нам через форму на сторінці "
        "«Контакти» або на електронну адресу Центру. Ми відповімо і виправимо проблему.</p>"
    ),
    "text_en": (
        "<p>The Centre wants everyone to be able to use this site, including people who use "
        "screen readers, a keyboard instead of a mouse, or screen magnification.</p>"
        "<h2>Standard</h2>"
        "<p>We aim at level AA of the WCAG 2.1 guidelines and at the national standard "
        "DSTU EN 301 549:2022, “Accessibility requirements for ICT products and "
        "services”.</p>"
        "<h2>Conformance status</h2>"
        "<p>The site is <strong>partially conformant</strong> with these requirements. No "
        "independent accessibility audit has been made yet.</p>"
        "<h2>What we check</h2>"
        "<ul>"
        "<li>every kind of page is checked automatically with axe for WCAG 2.1 AA "
        "violations and for valid HTML before changes reach the site;</li>"
        "<li>pages are checked at a screen width of 320 pixels without horizontal "
        "scrolling;</li>"
        "<li>every page has a “Skip to content” link, the site works with a keyboard, and "
        "images have a text description: an image cannot be placed without one.</li>"
        "</ul>"
        "<h2>Known limitations</h2>"
        "<ul>"
        "<li>Documents in the library (PDF, DOCX, XLSX, ODT) come from many authors and not "
        "all of them are accessible; scanned PDFs have no text layer. If a document is not "
        "accessible to you, write to us and we will send it in an accessible format.</li>"
        "<li>No tests with screen readers by the people who use them have been made yet.</li>"
        "</ul>"
        "<h2>How to report a problem</h2>"
        "<p>If something on the site is not accessible to you, write to us with the form on "
        "the Contacts page or to the Centre's e-mail address. We will answer and fix it.</p>"
    ),
}

PUBLIC_INFORMATION = {
    "title_uk": "Публічна інформація",
    "title_en": "Public information",
    "lead_uk": "Документи Центру, які мають бути доступні кожному.",
    "lead_en": "The Centre's documents that everyone may read.",
    "text_uk": "<p>Тут Центр публікує свої статутні документи та рішення. Запит на публічну "
    "інформацію відповідно до Закону України «Про доступ до публічної інформації» можна "
    "надіслати на електронну адресу Центру.</p>",
    "text_en": "<p>Here the Centre publishes its statutory documents and decisions. A request "
    "for public information under the Law of Ukraine “On Access to Public Information” may "
    "be sent to the Centre's e-mail address.</p>",
}

REPORTS = {
    "title_uk": "Звіти",
    "title_en": "Reports",
    "lead_uk": "Звіти Центру про його роботу.",
    "lead_en": "The Centre's reports on its work.",
    "text_uk": "",
    "text_en": "",
}


def page(command, slug, fields, parent=None, **extra):
    """The page at `slug`, created with `fields` the first time; None when it existed."""
    existing = Page.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    text = {
        key: fields[key] for key in ("text_uk", "text_en", "body_uk", "body_en") if key in fields
    }
    data = {key: value for key, value in fields.items() if key not in text}
    created = Page.objects.create(
        slug=slug, parent=parent, status=Page.Status.PUBLISHED, **data, **extra
    )
    body_uk = text.get("text_uk", text.get("body_uk", ""))
    if body_uk:
        RichText.objects.create(
            parent=created,
            region="main",
            ordering=10,
            text_uk=body_uk,
            text_en=text.get("text_en", text.get("body_en", "")),
        )
    command.stdout.write(f"  page {created.path}: created")
    return created, True


def documents_block(parent, kinds, heading_uk="", heading_en=""):
    block = DocumentsBlock.objects.create(
        parent=parent, region="main", ordering=20, heading_uk=heading_uk, heading_en=heading_en
    )
    block.documents.set(Document.objects.filter(kind__in=kinds))


def demo_image():
    image = Image.objects.filter(title="Демонстраційне зображення").first()
    if image is None:
        image = Image(
            title="Демонстраційне зображення",
            alt_uk="Синє поле з жовтою смугою внизу",
            alt_en="A blue field with a yellow band at the bottom",
            caption_uk="Зображення з медіатеки: його можна використати на кількох сторінках.",
            caption_en="An image from the media library: it can be used on several pages.",
            credit_uk="демонстраційний приклад",
            credit_en="demo example",
            licence="CC0",
            focus_y=70,
        )
        image.file = ContentFile(image_bytes(), name="demo.png")
        image.save()
    return image


def load(command, **options):
    about, created = page(command, "about", ABOUT, menu=Page.Menu.BOTH, cover=demo_image())
    if created:
        ImageBlock.objects.create(parent=about, region="main", ordering=20, image=demo_image())
    page(command, "privacy", PRIVACY, menu=Page.Menu.FOOTER, kind=Page.Kind.PRIVACY)

    team, created = page(command, "komanda", TEAM, parent=about)
    if created:
        # The library's demo image again, inside a text this time (one image, three uses:
        # the about page's cover and image block, and this text).
        figure = f'<figure data-library-image="{demo_image().pk}"></figure>'
        RichText.objects.create(
            parent=team,
            region="main",
            ordering=15,
            text_uk="<p>Зображення з медіатеки можна вставити в текст (демонстраційний "
            f"приклад).</p>{figure}",
            text_en=f"<p>An image of the media library can be placed in a text (a demo "
            f"example).</p>{figure}",
        )
        for number, (role_uk, role_en, name_uk, name_en) in enumerate(TEAM_CARDS, start=2):
            card = ContactCard.objects.create(
                parent=team,
                region="main",
                ordering=number * 10,
                name_uk=role_uk,
                name_en=role_en,
                role_uk=name_uk,
                role_en=name_en,
                email="team@example.org",
            )
            DemoFact.objects.mark(card, "email")

    contacts, created = page(
        command, "kontakty", CONTACTS, parent=about, menu=Page.Menu.FOOTER, kind=Page.Kind.CONTACTS
    )
    if created:
        card = ContactCard.objects.create(
            parent=contacts,
            region="main",
            ordering=5,
            name_uk="Центр розвитку громад",
            name_en="Centre for community development",
            address_uk=ADDRESS_UK,
            address_en=ADDRESS_EN,
            hours_uk="понеділок — п’ятниця, 9:00–17:00",
            hours_en="Monday to Friday, 9:00–17:00",
            phone="+380 57 000 00 00",
            email="centre@example.org",
        )
        for fact in ("hours", "phone", "email"):
            DemoFact.objects.mark(card, fact)

    page(command, "dostupnist", ACCESSIBILITY, parent=about, menu=Page.Menu.FOOTER)

    public, created = page(command, "publichna-informatsiia", PUBLIC_INFORMATION, parent=about)
    if created:
        documents_block(
            public,
            [Document.Kind.STATUTE, Document.Kind.MODEL_DECISION],
            "Документи",
            "Documents",
        )
        CallToAction.objects.create(
            parent=public,
            region="main",
            ordering=30,
            text_uk="Усі документи Центру — у бібліотеці документів.",
            text_en="All the Centre's documents are in the documents library.",
            link_label_uk="Бібліотека документів",
            link_label_en="Documents library",
            url_uk="/documents/",
            url_en="/en/documents/",
        )

    reports, created = page(command, "zvity", REPORTS, parent=about)
    if created:
        documents_block(reports, [Document.Kind.REPORT])
