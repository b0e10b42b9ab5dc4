"""Demo content of this app, from the Centre's own texts (shared/seed, shared/data).

SPACES is the program announced on the Centre's page (the seed); every fact of that text is
here as a field or an ordered row. Three facts come from the public call for applications
published on decentralization.ua (news 12376): the partner (Heritas Foundation, Sibiu), the
deadline for hromada teams (24 May 2020) and the project page. No person is named there, so
the mentors are a team, by country. Those three facts are not the Centre's own material, so the
deadlines and the partner are marked as demo examples where they are shown. The English title is
the organiser's own, from that project page ("Spatial Planning for Accessibility, ..."; the
decentralization.ua translation says "Availability").

The second program is a demo example, marked so on every page, that accepts applications
whenever the demo is loaded, so that the whole application path can be tried.
"""

import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from core.slugs import slugify_uk
from demomarks.models import DemoFact
from documents.models import Attachment, Document
from media.models import Image as LibraryImage
from members.models import Council
from programs.factories import image_bytes, pdf_bytes, xlsx_bytes
from programs.models import (
    Mentor,
    Organisation,
    Program,
    ProgramItem,
    ProgramParticipation,
    SelectionStage,
    StudyVisit,
)

KYIV = ZoneInfo("Europe/Kyiv")

CANACTIONS = {"name_uk": "CANactions School", "name_en": "CANactions School"}
HERITAS = {
    "name_uk": "Фонд Heritas (Сібіу, Румунія)",
    "name_en": "Heritas Foundation (Sibiu, Romania)",
}
CENTRE = {
    "name_uk": "Центр інформаційно-методичної і правової допомоги та розвитку громад",
    "name_en": "Centre for information, methodical and legal assistance and community development",
}

SPACES = {
    "slug": slugify_uk("SPACES. Просторове планування"),
    "title_uk": (
        "SPACES. Просторове планування для доступності, співробітництва та економічної сталості"
    ),
    "title_en": (
        "SPACES: Spatial Planning for Accessibility, Cooperation and Economic Sustainability"
    ),
    "tagline_uk": "Освітня програма для ОТГ: спільна участь 4–6 сусідніх громад",
    "tagline_en": (
        "An educational program for amalgamated hromadas: 4–6 neighbouring hromadas "
        "take part together"
    ),
    "summary_uk": (
        "Платформа CANactions School розробила освітню програму «SPACES. Просторове "
        "планування для доступності, співробітництва та економічної сталості». Участь у "
        "програмі безкоштовна, вона триватиме протягом 2020 року та розрахована на спільну "
        "участь 4–6 ОТГ, які розташовані поруч."
    ),
    "summary_en": (
        "The CANactions School platform has developed the educational program “SPACES: "
        "Spatial Planning for Accessibility, Cooperation and Economic Sustainability”. "
        "Participation is free; the program runs throughout 2020 and is designed for 4–6 "
        "amalgamated hromadas that lie next to each other and take part together."
    ),
    "body_uk": (
        "<p>Програма тестує унікальний для України планувальний формат, коли одночасно кілька "
        "сусідніх ОТГ спробують знайти точки дотику і побудують взаємовигідні стосунки. "
        "Управлінські команди кількох сусідніх ОТГ, спільно з експертами з просторового "
        "планування, навчаться розробляти неформальну просторову документацію і створять "
        "платформу для запуску спільних проєктів з фокусом на економічний розвиток та "
        "доступність соціальних послуг.</p>"
        "<p>Результатом програми SPACES буде розроблена учасниками субрегіональна «Концепція "
        "просторового розвитку», яка покриватиме територію всіх ОТГ-учасниць та допомагатиме "
        "їм координувати проєкти міжмуніципального співробітництва, незважаючи на "
        "адміністративні кордони.</p>"
        "<p>ОТГ-учасниці мають можливість не лише отримати комплексну «Концепцію просторового "
        "розвитку», готову для втілення «вже завтра». Вона стане прикладом для інших громад "
        "України з ефективного впровадження політики співробітництва з сусідами для "
        "досягнення економічного зростання та поліпшення доступності соціальних послуг.</p>"
    ),
    "body_en": (
        "<p>The program tests a planning format new to Ukraine: several neighbouring "
        "amalgamated hromadas at once look for common ground and build mutually beneficial "
        "relations. Together with spatial planning experts, the management teams of the "
        "neighbouring hromadas learn to prepare informal spatial planning documents and "
        "create a platform for launching joint projects focused on economic development and "
        "access to social services.</p>"
        "<p>The outcome of SPACES will be a sub-regional “Spatial Development Concept” "
        "written by the participants. It will cover the territory of all participating "
        "hromadas and help them coordinate inter-municipal cooperation projects regardless "
        "of administrative borders.</p>"
        "<p>The participating hromadas get more than a comprehensive “Spatial Development "
        "Concept” ready to be put into practice “tomorrow”: it will be an example for other "
        "hromadas of Ukraine of how cooperation with neighbours brings economic growth and "
        "better access to social services.</p>"
    ),
    "eligibility_uk": (
        "Управлінські команди 4–6 об’єднаних територіальних громад (ОТГ), які розташовані "
        "поруч і беруть участь разом."
    ),
    "eligibility_en": (
        "The management teams of 4–6 amalgamated hromadas that lie next to each other and "
        "take part together."
    ),
    "period_note_uk": "протягом 2020 року",
    "period_note_en": "throughout 2020",
    "how_to_apply_uk": (
        "<p>Заявки приймала CANactions School на сторінці проєкту: від фахівців із "
        "просторового планування — до 17 травня 2020 року, від команд ОТГ — до 24 травня "
        "2020 року.</p>"
    ),
    "how_to_apply_en": (
        "<p>CANactions School accepted the applications on the project page: from spatial "
        "planning specialists until 17 May 2020, from the teams of hromadas until 24 May "
        "2020.</p>"
    ),
    "is_free": True,
    "min_group_size": 4,
    "max_group_size": 6,
    # The seed says "throughout 2020"; the call closed on 24 May, so the work ran after it.
    "starts_on": datetime.date(2020, 6, 1),
    "ends_on": datetime.date(2020, 12, 31),
    "application_deadline": datetime.datetime(2020, 5, 24, 23, 59, tzinfo=KYIV),
    "external_url": "http://canactions.com/spaces",
    "status": "published",
}

SPACES_STAGES = [
    {
        "name_uk": "Прийом заявок",
        "name_en": "Applications",
        "description_uk": (
            "Заявки подають фахівці з просторового планування (до 17 травня 2020 року) та "
            "команди ОТГ (до 24 травня 2020 року)."
        ),
        "description_en": (
            "Spatial planning specialists (until 17 May 2020) and the teams of hromadas "
            "(until 24 May 2020) apply."
        ),
        "ends_on": datetime.date(2020, 5, 24),
    },
    {
        "name_uk": "Визначення групи учасників",
        "name_en": "Choosing the group of participants",
        "description_uk": (
            "Організатори визначають групу сусідніх ОТГ, які візьмуть участь у програмі."
        ),
        "description_en": (
            "The organisers choose the group of neighbouring hromadas that will take part."
        ),
    },
]

SPACES_PREREQUISITES = [
    (
        "Мотивація працювати разом із сусідніми ОТГ задля спільного блага всіх громад-учасниць.",
        "Motivation to work together with neighbouring hromadas for the common good of all "
        "the participating hromadas.",
    ),
]

# The nine points of the seed, in its order.
SPACES_ACTIVITIES = [
    (
        "Підвищують свої професійні навики у сфері просторового планування та співробітництва, "
        "працюючи з інтернаціональною командою менторів та експертів CANactions School — "
        "провідних планувальників/ць з України, Швейцарії та Румунії.",
        "Improve their professional skills in spatial planning and cooperation, working with "
        "the international team of CANactions School mentors and experts — leading planners "
        "from Ukraine, Switzerland and Romania.",
    ),
    (
        "Досліджують передові європейські практики просторового планування функціональних "
        "регіонів та міжмуніципального співробітництва та адаптують їх до контексту "
        "українських малих міст, селищ та сіл.",
        "Study advanced European practice in the spatial planning of functional regions and "
        "in inter-municipal cooperation, and adapt it to Ukrainian small towns, settlements "
        "and villages.",
    ),
    (
        "Знайомляться з сучасними підходами у сфері просторового планування, які застосовує "
        "Румунія під впливом ЄС. Дані підходи орієнтовані на співробітництво та створення "
        "ефективних синергій з сусідами.",
        "Learn the modern approaches to spatial planning that Romania applies under the "
        "influence of the EU, aimed at cooperation and effective synergies with neighbours.",
    ),
    (
        "Відвідають румунське місто Сібіу та оточуючі його муніципалітети, які успішно "
        "долають ідентичні українським виклики плануванням в сільській місцевості.",
        "Visit the Romanian city of Sibiu and the municipalities around it, which successfully "
        "meet challenges identical to Ukraine's by planning in rural areas.",
    ),
    (
        "Виконують інтегрований (міжсекторальний) аналіз території ОТГ-учасниць та аналізують "
        "взаємозв’язки заінтересованих сторін.",
        "Carry out an integrated (cross-sector) analysis of the participating hromadas' "
        "territory and analyse the relations between stakeholders.",
    ),
    (
        "Проводять низку заходів із залучення місцевих мешканців, бізнесів та інших "
        "заінтересованих сторін до процесу планування розвитку своєї території.",
        "Hold a series of events that involve local residents, businesses and other "
        "stakeholders in planning the development of their territory.",
    ),
    (
        "Розробляють субрегіональну «Концепцію просторового розвитку» для території ОТГ-учасниць.",
        "Develop a sub-regional “Spatial Development Concept” for the territory of the "
        "participating hromadas.",
    ),
    (
        "Розробляють щонайменше два пілотні проєкти міжмуніципального співробітництва, мета "
        "яких — покращення доступності мешканців до соціальних послуг та підвищення рівня "
        "економічного розвитку громад.",
        "Develop at least two pilot inter-municipal cooperation projects that improve "
        "residents' access to social services and the economic development of the hromadas.",
    ),
    (
        "Створюють платформу для спільної координації зусиль ОТГ-учасниць в майбутньому.",
        "Create a platform for coordinating the participating hromadas' efforts in the future.",
    ),
]

SPACES_RESULTS = [
    (
        "Субрегіональна «Концепція просторового розвитку», яка покриває територію всіх "
        "ОТГ-учасниць, допомагає координувати проєкти міжмуніципального співробітництва "
        "незважаючи на адміністративні кордони і готова для втілення «вже завтра».",
        "A sub-regional “Spatial Development Concept” that covers the territory of all the "
        "participating hromadas, helps them coordinate inter-municipal cooperation projects "
        "regardless of administrative borders and is ready to be put into practice “tomorrow”.",
    ),
    (
        "Щонайменше два пілотні проєкти міжмуніципального співробітництва для кращої "
        "доступності соціальних послуг та економічного розвитку громад.",
        "At least two pilot inter-municipal cooperation projects for better access to social "
        "services and the economic development of the hromadas.",
    ),
    (
        "Платформа для спільної координації зусиль ОТГ-учасниць у майбутньому.",
        "A platform for coordinating the participating hromadas' efforts in the future.",
    ),
    (
        "Приклад для інших громад України з ефективного впровадження політики співробітництва "
        "з сусідами для економічного зростання та кращої доступності соціальних послуг.",
        "An example for other hromadas of Ukraine of cooperation with neighbours that brings "
        "economic growth and better access to social services.",
    ),
]

SPACES_MENTORS = [
    ("Україна", "Ukraine"),
    ("Швейцарія", "Switzerland"),
    ("Румунія", "Romania"),
]

SPACES_VISIT = {
    "place_uk": "Сібіу та муніципалітети навколо нього",
    "place_en": "Sibiu and the municipalities around it",
    "country_uk": "Румунія",
    "country_en": "Romania",
    "description_uk": (
        "Муніципалітети, які успішно долають ідентичні українським виклики плануванням у "
        "сільській місцевості; підходи до просторового планування, які Румунія застосовує під "
        "впливом ЄС."
    ),
    "description_en": (
        "Municipalities that successfully meet challenges identical to Ukraine's by planning "
        "in rural areas; the approaches to spatial planning that Romania applies under the "
        "influence of the EU."
    ),
}

DEMO = {
    "slug": slugify_uk("Демо: школа міжмуніципального співробітництва"),
    "title_uk": "Школа міжмуніципального співробітництва (демонстраційний приклад)",
    "title_en": "School of inter-municipal cooperation (demo example)",
    "tagline_uk": (
        "Демонстраційний приклад: спробуйте подати заявку, нічого справжнього не станеться"
    ),
    "tagline_en": "A demo example: try applying, nothing real will happen",
    "summary_uk": (
        "Це вигадана програма, щоб показати, як на сайті працюють освітні програми та заявки "
        "на них. Вона завжди відкрита для заявок у демонстраційних даних."
    ),
    "summary_en": (
        "A made-up program that shows how educational programs and applications work on "
        "this site. In the demo content it is always open for applications."
    ),
    "body_uk": (
        "<p>Демонстраційний приклад. Дві або три сусідні громади подають спільну заявку, "
        "проходять два етапи відбору і разом готують проєкт співробітництва.</p>"
    ),
    "body_en": (
        "<p>A demo example. Two or three neighbouring hromadas apply together, go through two "
        "selection stages and prepare a cooperation project together.</p>"
    ),
    "eligibility_uk": (
        "Дві або три сусідні територіальні громади Харківщини, які подають заявку разом."
    ),
    "eligibility_en": "Two or three neighbouring hromadas of Kharkiv oblast that apply together.",
    "how_to_apply_uk": (
        "<p>Заявку подає громада-лідер від імені всієї групи; громади-партнери обирають у тій "
        "самій формі.</p>"
    ),
    "how_to_apply_en": (
        "<p>The lead hromada applies on behalf of the whole group and chooses the partner "
        "hromadas in the same form.</p>"
    ),
    "is_free": True,
    "min_group_size": 2,
    "max_group_size": 3,
    "status": "published",
    "is_demo": True,
}

DEMO_STAGES = [
    ("Розгляд заявок", "Reviewing the applications", 7),
    ("Співбесіди з командами громад", "Interviews with the hromadas' teams", 14),
]
DEMO_ACTIVITIES = [
    (
        "Разом аналізують спільні потреби громад.",
        "Analyse the hromadas' shared needs together.",
    ),
    (
        "Вивчають правові форми співробітництва громад.",
        "Learn the legal forms of cooperation between hromadas.",
    ),
    ("Готують спільний проєкт.", "Prepare a joint project."),
]
DEMO_RESULTS = [
    (
        "Проєкт договору про співробітництво громад.",
        "A draft cooperation agreement between the hromadas.",
    ),
]


def load(command, scale=0, **options):
    """Create or update the demo content; running it again changes nothing.

    With `scale` (benchmarks), up to 50 generated completed programs are added too."""
    if scale:
        from programs.factories import ProgramFactory  # factory_boy: only for benchmarks

        existing = Program.objects.filter(slug__startswith="demo-generated-").count()
        for number in range(existing + 1, min(50, max(1, scale // 400)) + 1):
            ProgramFactory(completed=True, english=True, slug=f"demo-generated-{number:03d}")
    canactions = _organisation(CANACTIONS, url="http://canactions.com/")
    heritas = _organisation(HERITAS)
    centre = _organisation(CENTRE)
    spaces, created = Program.objects.get_or_create(
        slug=SPACES["slug"], defaults=SPACES | {"organiser": canactions}
    )
    if created:
        spaces.partners.add(heritas)
        _stages(spaces, SPACES_STAGES)
        _items(spaces, ProgramItem.Kind.PREREQUISITE, SPACES_PREREQUISITES)
        _items(spaces, ProgramItem.Kind.ACTIVITY, SPACES_ACTIVITIES)
        _items(spaces, ProgramItem.Kind.RESULT, SPACES_RESULTS)
        for order, (country_uk, country_en) in enumerate(SPACES_MENTORS):
            Mentor.objects.create(
                program=spaces,
                order=order,
                role_uk="Міжнародна команда менторів та експертів: провідні планувальники/ці",
                role_en="International team of mentors and experts: leading planners",
                organisation=canactions,
                country_uk=country_uk,
                country_en=country_en,
            )
        StudyVisit.objects.create(program=spaces, **SPACES_VISIT)
        command.stdout.write("  program SPACES: created")
    # From the public call, not the Centre's page: shown with a demo mark.
    for fact in ("application_deadline", "partners", "how_to_apply"):
        DemoFact.objects.mark(spaces, fact)
    for stage in spaces.stages.filter(ends_on__isnull=False):
        DemoFact.objects.mark(stage, "dates")
    _load_demo_program(command, centre)


def _organisation(names, url=""):
    organisation, _created = Organisation.objects.get_or_create(
        name_uk=names["name_uk"], defaults=names | {"url": url}
    )
    return organisation


def _stages(program, stages):
    for order, stage in enumerate(stages):
        SelectionStage.objects.create(program=program, order=order, **stage)


def _items(program, kind, texts):
    for order, (text_uk, text_en) in enumerate(texts):
        ProgramItem.objects.create(
            program=program, kind=kind, order=order, text_uk=text_uk, text_en=text_en
        )


def _demo_dates():
    """Open since yesterday, closing in three weeks at 18:00, starting a fortnight later."""
    today = timezone.localdate()
    deadline = datetime.datetime.combine(today + timedelta(days=21), datetime.time(18), KYIV)
    return {
        "applications_open_at": deadline - timedelta(days=22),
        "application_deadline": deadline,
        "starts_on": today + timedelta(days=35),
        "ends_on": today + timedelta(days=126),
    }


def _load_demo_program(command, centre):
    program = Program.objects.filter(slug=DEMO["slug"]).first()
    if program is not None:
        if not program.is_accepting_applications:
            # Keep the demo open: move its dates (and its stages) to the days ahead.
            Program.objects.filter(pk=program.pk).update(**_demo_dates())
            _demo_stage_dates(Program.objects.get(pk=program.pk))
            command.stdout.write("  demo program: dates moved so that it accepts applications")
        return
    cover = LibraryImage.objects.for_demo(
        "Умовне зображення програми (демонстраційний приклад)",
        ContentFile(image_bytes()),
        "demo-cover.png",
        alt_uk="Умовне зображення: синє поле з жовтою смугою",
        alt_en="A placeholder picture: a blue field with a yellow band",
    )
    program = Program(**DEMO, **_demo_dates(), organiser=centre, cover=cover)
    program.save()
    for order, (name_uk, name_en, _days) in enumerate(DEMO_STAGES):
        SelectionStage.objects.create(
            program=program, order=order, name_uk=name_uk, name_en=name_en
        )
    _demo_stage_dates(program)
    _items(program, ProgramItem.Kind.ACTIVITY, DEMO_ACTIVITIES)
    _items(program, ProgramItem.Kind.RESULT, DEMO_RESULTS)
    Mentor.objects.create(
        program=program,
        role_uk="Фахівці Центру",
        role_en="The Centre's specialists",
        organisation=centre,
        country_uk="Україна",
        country_en="Ukraine",
    )
    # Its documents are the library's, attached to it in this order.
    for position, (title_uk, title_en, kind, filename, content) in enumerate(
        [
            (
                "Положення про програму (демонстраційний приклад)",
                "Program regulations (demo example)",
                Document.Kind.OTHER,
                "polozhennia-demo.pdf",
                pdf_bytes(["DEMO EXAMPLE", "Program regulations: not a real document."]),
            ),
            (
                "Критерії оцінювання заявок (демонстраційний приклад)",
                "Application assessment criteria (demo example)",
                Document.Kind.OTHER,
                "kryterii-demo.xlsx",
                xlsx_bytes(
                    [
                        ("Критерій / Criterion", "Бали / Points"),
                        ("Мотивація / Motivation", 40),
                        ("Сусідство громад / Neighbouring hromadas", 30),
                        ("Спроможність команди / Team capacity", 30),
                    ]
                ),
            ),
        ]
    ):
        document = Document(
            title_uk=title_uk, title_en=title_en, kind=kind, status=Document.Status.PUBLISHED
        )
        document.file = ContentFile(content, name=filename)
        document.save()
        DemoFact.objects.mark(document, "title")
        Attachment.objects.create(content_object=program, document=document, position=position)
    # Hromadas of the registry, if it has any, shown as applicants of this demo example.
    for council in Council.objects.filter(kind=Council.Kind.HROMADA).order_by("name_uk")[:2]:
        ProgramParticipation.objects.create(
            program=program, council=council, role=ProgramParticipation.Role.APPLICANT
        )
    command.stdout.write("  demo program (accepting applications): created")


def _demo_stage_dates(program):
    deadline = timezone.localdate(program.application_deadline)
    for stage, (_uk, _en, days) in zip(program.stages.all(), DEMO_STAGES, strict=False):
        stage.starts_on = deadline + timedelta(days=1)
        stage.ends_on = deadline + timedelta(days=days)
        stage.save(update_fields=["starts_on", "ends_on"])
