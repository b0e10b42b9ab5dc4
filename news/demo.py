"""Demo content of this app, from the Centre's own texts (shared/seed).

The news retell the Centre's page: the SPACES program announcement, the local elections of
25.10.2020 and the association's 62 member councils. Their publication dates are
illustrative (the page gives none), so each is marked as a demo example where it is shown. The
upcoming events are invented to show the calendar,
and say so in their titles and texts; they are dated from the day the demo is loaded and
moved forward again once they are over. Cover images are drawn here with Pillow.
"""

import io
import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from core.slugs import slugify_uk
from demomarks.models import DemoFact
from media.models import Image as LibraryImage
from members.models import Council
from news.factories import ArticleFactory, EventFactory
from news.models import Article, Category, Event
from programs.models import Program

KYIV = timezone.get_default_timezone()

CATEGORIES = {
    "centre": ("Новини Центру", "Centre news"),
    "programs": ("Освітні програми", "Educational programs"),
    "association": ("Асоціація", "Association"),
    "elections": ("Вибори", "Elections"),
    "self_government": ("Місцеве самоврядування", "Local self-government"),
}

SPACES_TITLE_UK = (
    "Освітня програма для ОТГ «SPACES. Просторове планування для доступності, "
    "співробітництва та економічної сталості»"
)

ARTICLES = [
    {
        "title_uk": "Центр допомагає громадам Харківщини",
        "title_en": "The Centre helps the hromadas of Kharkiv oblast",
        "lead_uk": (
            "Метою роботи Центру є сприяння сталому розвитку місцевого самоврядування "
            "та відновлення територіальних громад Харківщини."
        ),
        "lead_en": (
            "The Centre's purpose is to promote the sustainable development of local "
            "self-government and the recovery of the hromadas of Kharkiv oblast."
        ),
        "body_uk": (
            "<p>Центр інформаційно-методичної і правової допомоги та розвитку громад надає "
            "органам місцевого самоврядування інформаційну, методичну та правову допомогу.</p>"
            "<p>Центр розміщується за адресою у Харкові: майдан Свободи, 5, Держпром, "
            "6 під’їзд.</p>"
        ),
        "body_en": (
            "<p>The Centre for information, methodical and legal assistance and community "
            "development gives information, methodical and legal assistance to local "
            "self-government bodies.</p>"
            "<p>The Centre is in Kharkiv at 5 Svobody Square, Derzhprom, entrance 6.</p>"
        ),
        "published": datetime(2020, 1, 14, 10, 0),
        "categories": ["centre", "self_government"],
    },
    {
        "title_uk": SPACES_TITLE_UK,
        "title_en": (
            "Educational program for amalgamated hromadas “SPACES. Spatial planning for "
            "accessibility, cooperation and economic sustainability”"
        ),
        "lead_uk": (
            "Платформа CANactions School розробила освітню програму «SPACES». Участь у програмі "
            "безкоштовна, вона триватиме протягом 2020 року та розрахована на спільну участь "
            "4–6 ОТГ, які розташовані поруч."
        ),
        "lead_en": (
            "The CANactions School platform has developed the educational program “SPACES”. "
            "Taking part is free; the program runs through 2020 and is designed for 4–6 "
            "neighbouring amalgamated hromadas taking part together."
        ),
        "body_uk": (
            "<p>Програма тестує унікальний для України планувальний формат, коли одночасно "
            "кілька сусідніх ОТГ спробують знайти точки дотику і побудують взаємовигідні "
            "стосунки. Управлінські команди кількох сусідніх ОТГ, спільно з експертами з "
            "просторового планування, навчаться розробляти неформальну просторову "
            "документацію і створять платформу для запуску спільних проєктів з фокусом на "
            "економічний розвиток та доступність соціальних послуг.</p>"
            "<p>Результатом програми SPACES буде розроблена учасниками субрегіональна "
            "«Концепція просторового розвитку», яка покриватиме територію всіх ОТГ-учасниць "
            "та допомагатиме їм координувати проєкти міжмуніципального співробітництва, "
            "незважаючи на адміністративні кордони.</p>"
            "<h2>Що робитимуть учасники</h2>"
            "<ul>"
            "<li>підвищують свої професійні навики у сфері просторового планування та "
            "співробітництва, працюючи з інтернаціональною командою менторів та експертів "
            "CANactions School — провідних планувальників з України, Швейцарії та Румунії;</li>"
            "<li>досліджують передові європейські практики просторового планування "
            "функціональних регіонів та міжмуніципального співробітництва;</li>"
            "<li>відвідають румунське місто Сібіу та оточуючі його муніципалітети;</li>"
            "<li>виконують інтегрований (міжсекторальний) аналіз території ОТГ-учасниць;</li>"
            "<li>проводять низку заходів із залучення місцевих мешканців, бізнесів та інших "
            "заінтересованих сторін до процесу планування розвитку своєї території;</li>"
            "<li>розробляють щонайменше два пілотні проєкти міжмуніципального "
            "співробітництва;</li>"
            "<li>створюють платформу для спільної координації зусиль ОТГ-учасниць "
            "в майбутньому.</li>"
            "</ul>"
            "<p>Концепція стане прикладом для інших громад України з ефективного "
            "впровадження політики співробітництва з сусідами для досягнення економічного "
            "зростання та поліпшення доступності соціальних послуг.</p>"
        ),
        "body_en": (
            "<p>The program tests a planning format new to Ukraine: several neighbouring "
            "amalgamated hromadas at once look for common ground and build mutually "
            "beneficial relations. Their management teams, together with spatial planning "
            "experts, learn to prepare informal spatial documents and create a platform for "
            "joint projects focused on economic development and access to social services.</p>"
            "<p>The result of SPACES will be a sub-regional “Spatial development concept” "
            "covering all participating hromadas and helping them coordinate "
            "inter-municipal cooperation projects across administrative borders.</p>"
            "<h2>What the participants do</h2>"
            "<ul>"
            "<li>improve their skills in spatial planning and cooperation with an "
            "international team of CANactions School mentors and experts from Ukraine, "
            "Switzerland and Romania;</li>"
            "<li>study leading European practice in planning functional regions and "
            "inter-municipal cooperation;</li>"
            "<li>visit the Romanian city of Sibiu and the municipalities around it;</li>"
            "<li>carry out an integrated (cross-sector) analysis of their territory;</li>"
            "<li>hold events that involve residents, businesses and other stakeholders in "
            "planning their territory;</li>"
            "<li>develop at least two pilot projects of inter-municipal cooperation;</li>"
            "<li>create a platform to coordinate their efforts in the future.</li>"
            "</ul>"
            "<p>The concept will set an example for other hromadas of Ukraine of cooperating "
            "with neighbours for economic growth and better access to social services.</p>"
        ),
        "published": datetime(2020, 2, 3, 11, 0),
        "categories": ["programs"],
        "cover": (
            7,
            "Схема сусідніх громад, що планують разом",
            "Neighbouring hromadas planning together",
        ),
        "featured": True,
    },
    {
        "title_uk": "Як визначають учасників програми SPACES",
        "title_en": "How the participants of the SPACES program are chosen",
        "lead_uk": (
            "Важливою передумовою для участі у програмі є мотивація працювати разом з "
            "сусідніми ОТГ задля спільного блага всіх громад-учасниць."
        ),
        "lead_en": (
            "An important precondition for taking part is the will to work together with "
            "neighbouring hromadas for the common good of all of them."
        ),
        "body_uk": (
            "<p>Визначення групи учасників програми SPACES відбувається у два етапи.</p>"
            "<p>ОТГ-учасниці мають можливість не лише отримати комплексну «Концепцію "
            "просторового розвитку», готову для втілення, а й стати прикладом для інших "
            "громад.</p>"
        ),
        "body_en": (
            "<p>The group of SPACES participants is chosen in two stages.</p>"
            "<p>Participating hromadas not only receive a comprehensive “Spatial development "
            "concept” ready to put into practice, but also become an example for others.</p>"
        ),
        "published": datetime(2020, 2, 17, 12, 0),
        "categories": ["programs"],
    },
    {
        "title_uk": "Підсумки місцевих виборів 25 жовтня 2020 року на Харківщині",
        "title_en": "Results of the local elections of 25 October 2020 in Kharkiv oblast",
        "lead_uk": (
            "За результатами виборів 25.10.2020 в області обрано 56 голів сільських, "
            "селищних, міських громад та місцевих рад і сформовано склад 7 нових районних рад."
        ),
        "lead_en": (
            "In the elections of 25 October 2020 the oblast elected 56 heads of village, "
            "settlement and city hromadas and local councils and formed 7 new raion councils."
        ),
        "body_uk": (
            "<p>За результатами виборів 25.10.2020 року в області обрано 56 голів сільських, "
            "селищних, міських громад та місцевих рад і сформовано склад 7 нових районних "
            "рад.</p>"
            "<p>Центр і Асоціація готові допомагати новообраним головам і депутатам.</p>"
        ),
        "body_en": (
            "<p>In the elections of 25 October 2020 the oblast elected 56 heads of village, "
            "settlement and city hromadas and local councils and formed 7 new raion "
            "councils.</p>"
            "<p>The Centre and the association are ready to help the newly elected heads "
            "and councillors.</p>"
        ),
        "published": datetime(2020, 11, 16, 10, 0),
        "categories": ["elections", "self_government"],
        "cover": (
            11,
            "Умовна діаграма: 56 громад і 7 районів",
            "A diagram: 56 hromadas and 7 raions",
        ),
    },
    {
        "title_uk": "62 місцеві ради Харківщини — члени Асоціації",
        "title_en": "62 local councils of Kharkiv oblast are members of the association",
        "lead_uk": (
            "У складі Асоціації об’єдналися 62 місцеві ради — 97% від загальної кількості "
            "рад Харківщини."
        ),
        "lead_en": (
            "62 local councils have joined the association: 97% of all the councils of "
            "Kharkiv oblast."
        ),
        "body_uk": (
            "<p>У складі Асоціації об’єдналися 62 місцеві ради, в тому числі 54 сільські, "
            "селищні, міські ради, 7 районних рад та обласна рада, що складає 97% від "
            "загальної кількості рад Харківщини.</p>"
        ),
        "body_en": (
            "<p>62 local councils have joined the association, among them 54 village, "
            "settlement and city councils, 7 raion councils and the oblast council: 97% of "
            "all the councils of Kharkiv oblast.</p>"
        ),
        "published": datetime(2021, 2, 8, 10, 0),
        "categories": ["association"],
        "cover": (
            19,
            "Умовна діаграма членства в Асоціації",
            "A diagram of the association's membership",
        ),
        "featured": True,
    },
]

ELECTIONS_EVENT = {
    "title_uk": "Місцеві вибори 2020",
    "title_en": "Local elections 2020",
    "lead_uk": "Вибори депутатів місцевих рад та сільських, селищних, міських голів.",
    "lead_en": "Elections of local councillors and of village, settlement and city heads.",
    "body_uk": (
        "<p>За їх результатами в області обрано 56 голів сільських, селищних, міських громад "
        "та місцевих рад і сформовано склад 7 нових районних рад.</p>"
    ),
    "body_en": (
        "<p>The oblast elected 56 heads of village, settlement and city hromadas and local "
        "councils and formed 7 new raion councils.</p>"
    ),
    "day": date(2020, 10, 25),
    "published": datetime(2020, 10, 1, 10, 0),
    "categories": ["elections"],
}

DEMO_NOTE_UK = (
    "<p><strong>Це демонстраційний приклад:</strong> подію вигадано, щоб показати, як "
    "працюють список подій і календар сайту.</p>"
)
DEMO_NOTE_EN = (
    "<p><strong>This is a demo example:</strong> the event is invented to show how the "
    "events list and the site's calendar work.</p>"
)

# (days from today, start, end or None for all day, fields)
DEMO_EVENTS = [
    (
        7,
        time(10, 0),
        time(13, 0),
        {
            "title_uk": (
                "Консультація для громад з просторового планування (демонстраційний приклад)"
            ),
            "title_en": "Spatial planning consultation for hromadas (demo example)",
            "lead_uk": "Фахівці Центру відповідають на запитання управлінських команд громад.",
            "lead_en": "The Centre's specialists answer questions from hromada management teams.",
            "venue_uk": "Держпром, 6 під’їзд",
            "venue_en": "Derzhprom, entrance 6",
            "address_uk": "майдан Свободи, 5, Харків",
            "address_en": "5 Svobody Square, Kharkiv",
            "categories": ["programs", "self_government"],
            "program": True,
            "councils": 3,
        },
    ),
    (
        14,
        time(15, 0),
        time(16, 30),
        {
            "title_uk": "Вебінар: як подати заявку на освітню програму (демонстраційний приклад)",
            "title_en": "Webinar: how to apply to an educational program (demo example)",
            "lead_uk": "Покроково розбираємо заявку громади на освітню програму.",
            "lead_en": "A step-by-step look at a hromada's application to an educational program.",
            "online_url": "https://example.org/demo-webinar",
            "registration_url": "https://example.org/demo-registration",
            "registration_days_before": 2,
            "categories": ["programs"],
        },
    ),
    (
        30,
        None,
        None,
        {
            "title_uk": "День відкритих дверей Асоціації (демонстраційний приклад)",
            "title_en": "The association's open day (demo example)",
            "lead_uk": "Представники рад-членів знайомляться з роботою Асоціації та Центру.",
            "lead_en": "Member councils meet the association and the Centre.",
            "venue_uk": "Держпром, 6 під’їзд",
            "venue_en": "Derzhprom, entrance 6",
            "address_uk": "майдан Свободи, 5, Харків",
            "address_en": "5 Svobody Square, Kharkiv",
            "categories": ["association"],
            "councils": 2,
        },
    ),
]

PALETTE = ["#0a3a7a", "#ffd500", "#2e6f40", "#5b2a86", "#e7f0fb", "#a4161a", "#f3f5f8"]


def draw_cover(seed):
    """An abstract picture of neighbouring hromadas; the same seed draws the same picture."""
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), PALETTE[seed % 2 * 4])
    draw = ImageDraw.Draw(image)
    columns, rows = 8, 5
    for row in range(rows):
        for column in range(columns):
            x0, y0 = column * width / columns, row * height / rows
            jitter = [rng.randint(-40, 40) for _ in range(8)]
            polygon = [
                (x0 + jitter[0], y0 + jitter[1]),
                (x0 + width / columns + jitter[2], y0 + jitter[3]),
                (x0 + width / columns + jitter[4], y0 + height / rows + jitter[5]),
                (x0 + jitter[6], y0 + height / rows + jitter[7]),
            ]
            draw.polygon(polygon, fill=rng.choice(PALETTE), outline="#ffffff", width=4)
    for _ in range(6):
        x, y, r = rng.randint(80, width - 80), rng.randint(80, height - 80), rng.randint(15, 45)
        draw.ellipse((x - r, y - r, x + r, y + r), fill="#ffd500", outline="#062650", width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue())


def kyiv(moment):
    return moment.replace(tzinfo=KYIV)


def categories_by_key(command):
    categories = {}
    for key, (name_uk, name_en) in CATEGORIES.items():
        category, created = Category.objects.get_or_create(
            slug=slugify_uk(name_uk), defaults={"name_uk": name_uk, "name_en": name_en}
        )
        if created:
            command.stdout.write(f"  category {category.slug}: created")
        categories[key] = category
    return categories


def create_item(model, command, data, categories, **fields):
    """Create the item unless its slug exists (so a second run changes nothing)."""
    slug = slugify_uk(data["title_uk"])
    item = model.objects.filter(slug=slug).first()
    if item is not None:
        return item, False
    text = {key: value for key, value in data.items() if key.endswith(("_uk", "_en"))}
    item = model(slug=slug, status=model.Status.PUBLISHED, featured=data.get("featured", False))
    for key, value in {**text, **fields}.items():
        setattr(item, key, value)
    if "cover" in data:
        seed, alt_uk, alt_en = data["cover"]
        item.cover = LibraryImage.objects.for_demo(
            data["title_uk"][:200],
            draw_cover(seed),
            f"demo-{slug[:40]}.jpg",
            alt_uk=alt_uk,
            alt_en=alt_en,
            credit_uk="Ілюстрація Центру",
            credit_en="Illustration: the Centre",
        )
    item.save()
    item.categories.set([categories[key] for key in data["categories"]])
    command.stdout.write(f"  {model._meta.model_name} {slug}: created")
    return item, True


def linked_councils(count):
    """A few hromada councils from different raions, if the registry has been loaded."""
    chosen, raions = [], set()
    for council in (
        Council.objects.filter(kind="hromada").select_related("unit").order_by("unit__code")
    ):
        if council.unit.parent_id not in raions:
            chosen.append(council)
            raions.add(council.unit.parent_id)
        if len(chosen) == count:
            break
    return chosen


def load_demo_events(command, categories, today):
    spaces = Program.objects.filter(title__icontains="SPACES").first()
    for days, start, end, data in DEMO_EVENTS:
        day = today + timedelta(days=days)
        if start is None:
            when = {
                "starts_at": kyiv(datetime.combine(day, time(9, 0))),
                "ends_at": None,
                "all_day": True,
            }
        else:
            when = {
                "starts_at": kyiv(datetime.combine(day, start)),
                "ends_at": kyiv(datetime.combine(day, end)),
            }
        if "registration_days_before" in data:
            deadline = day - timedelta(days=data["registration_days_before"])
            when["registration_deadline"] = kyiv(datetime.combine(deadline, time(18, 0)))
        fields = {
            **when,
            "body_uk": DEMO_NOTE_UK,
            "body_en": DEMO_NOTE_EN,
            "publish_at": timezone.now() - timedelta(days=1),
            "program": spaces if data.get("program") else None,
            "online_url": data.get("online_url", ""),
            "registration_url": data.get("registration_url", ""),
        }
        event, created = create_item(Event, command, data, categories, **fields)
        if created and data.get("councils"):
            event.councils.set(linked_councils(data["councils"]))
        elif not created and event.is_past:
            # The demo examples stay upcoming: once over, they move forward again.
            for key, value in when.items():
                setattr(event, key, value)
            event.save()
            command.stdout.write(f"  event {event.slug}: moved to {day:%d.%m.%Y}")


def generate_articles(command, scale, categories):
    """`scale` generated articles and a tenth as many events, for benchmarks: made in bulk
    (idempotent by their slugs), sharing the demo's cover pictures and their renditions."""
    now = timezone.now()
    covers = list(Article.objects.exclude(cover=None).values_list("cover", flat=True)[:8])
    pool = list(categories.values())

    def spread(model, prefix, count, when):
        slugs = [f"{prefix}{number:06d}" for number in range(1, count + 1)]
        existing = set(model.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
        missing = [slug for slug in slugs if slug not in existing]
        if not missing:
            return
        factory = ArticleFactory if model is Article else EventFactory
        items = factory.build_batch(len(missing))
        for index, (item, slug) in enumerate(zip(items, missing, strict=True)):
            item.slug = slug
            item.title_uk = f"{item.title_uk} (згенерована новина)"
            item.title_en = f"Generated item {slug[-6:]}"
            when(item, index)
            if covers and index % 2 == 0:  # every other one with a picture
                item.cover_id = covers[index % len(covers)]
        created = model.objects.bulk_create(items, batch_size=2000)
        through = model.categories.through
        key = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            [
                through(**{key: item.pk, "category_id": pool[index % len(pool)].pk})
                for index, item in enumerate(created)
            ],
            batch_size=5000,
        )
        command.stdout.write(f"  {len(created)} generated {model.__name__.lower()}s")

    def article_time(article, index):
        article.publish_at = now - timedelta(hours=6 * (index + 1))

    def event_time(event, index):
        # a few ahead, most past; bulk_create skips save(), which sets finishes_at
        event.starts_at = now + timedelta(days=30) - timedelta(days=index)
        event.ends_at = event.starts_at + timedelta(hours=3)
        event.publish_at = now - timedelta(days=60 + index)
        event.finishes_at = event.compute_finishes_at()

    spread(Article, "demo-generated-", scale, article_time)
    spread(Event, "demo-generated-event-", scale // 10, event_time)


def load(command, scale=0, **options):
    """Create or update the demo content; running it again changes nothing.

    `scale` adds that many generated articles for benchmarks.
    """
    categories = categories_by_key(command)
    for data in ARTICLES:
        article, _created = create_item(
            Article, command, data, categories, publish_at=kyiv(data["published"])
        )
        DemoFact.objects.mark(article, "publish_at")
    day = ELECTIONS_EVENT["day"]
    create_item(
        Event,
        command,
        ELECTIONS_EVENT,
        categories,
        starts_at=kyiv(datetime.combine(day, time(8, 0))),
        all_day=True,
        publish_at=kyiv(ELECTIONS_EVENT["published"]),
    )
    load_demo_events(command, categories, timezone.localdate())
    if scale:
        generate_articles(command, scale, categories)
