"""Demo content of the portal's own pages, from the Centre's page (shared/seed)."""

from pages.models import Page

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


def load(command, **options):
    for slug, fields in ((Page.Slug.ABOUT, ABOUT), (Page.Slug.PRIVACY, PRIVACY)):
        _page, created = Page.objects.get_or_create(slug=slug, defaults=fields)
        if created:
            command.stdout.write(f"  page {slug}: created")
