from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core import cache
from core.pagination import KeysFirstPaginator
from core.views import PreviewMixin
from members.models import Council, TerritorialUnit
from news import calendar, structured_data
from news.forms import ArticleFilterForm, EventFilterForm
from news.models import Article, Event, card_categories, categories_by_name, ordered_categories

PAGE_SIZE = 12


def categories_of(model):
    """The categories that hold items of this model, for the filter; read once per content
    version, language and process, like the menus.

    Checked against the link table alone (an index look-up per category): a category whose
    items are all drafts may be listed and then show an empty list, which is cheaper than
    reading every published item to exclude it.
    """

    def read():
        linked = model.categories.through.objects.filter(category_id=OuterRef("pk"))
        return list(categories_by_name().filter(Exists(linked)))

    return cache.per_version(("news.categories_of", model._meta.label, get_language()), read)


class FilteredListMixin:
    """Validates the filters from the query string; a value that matches nothing is a 404."""

    paginate_by = PAGE_SIZE
    paginator_class = KeysFirstPaginator
    filter_form_class = None

    def get_filter_form(self):
        form = self.filter_form_class(self.request.GET, **self.get_filter_choices())
        if not form.is_valid():
            raise Http404("Unknown filter value")
        return form

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        self.filters = self.filter_form.cleaned_data
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter_form=self.filter_form, filtered=bool(self.filters), **kwargs
        )
        context["canonical_url"] = self.canonical_url(context["page_obj"].number)
        return context

    def canonical_url(self, page_number):
        """This list with its valid filters and page: each page of a list is its own page for
        search engines (pointing page 2 at page 1 would hide the older items from them)."""
        query = {
            name: self.filters[name] for name in self.filter_form.fields if name in self.filters
        }
        if page_number > 1:
            query["page"] = page_number
        url = self.request.build_absolute_uri(self.request.path)
        return f"{url}?{urlencode(query)}" if query else url


class ArticleListView(FilteredListMixin, ListView):
    model = Article
    filter_form_class = ArticleFilterForm

    def get_filter_choices(self):
        self.categories = categories_of(Article)
        years = cache.per_version(
            ("news.article_years", get_language()),
            lambda: Article.objects.published().translated().years(),
        )
        return {"categories": self.categories, "years": years}

    def get_queryset(self):
        articles = Article.objects.published().translated().newest_first()
        if "category" in self.filters:
            articles = articles.filter(categories__slug=self.filters["category"])
        if "year" in self.filters:
            articles = articles.in_year(self.filters["year"])
        return articles.with_cover().prefetch_related(card_categories())

    def get_context_data(self, **kwargs):
        selected = self.filters.get("category")
        return super().get_context_data(
            category=next((c for c in self.categories if c.slug == selected), None),
            year=self.filters.get("year"),
            **kwargs,
        )


class ArticleDetailView(PreviewMixin, DetailView):
    model = Article

    def get_queryset(self):
        return super().get_queryset().with_cover().prefetch_related(ordered_categories())

    def get_context_data(self, **kwargs):
        article = self.object
        published = Article.objects.published().translated()
        context = {"related": [], "previous": None, "next": None}
        category_ids = [category.pk for category in article.categories.all()]
        if category_ids:
            shares_a_category = Article.categories.through.objects.filter(
                article_id=OuterRef("pk"), category_id__in=category_ids
            )
            context["related"] = list(
                published.filter(Exists(shares_a_category))
                .exclude(pk=article.pk)
                .newest_first()
                .with_cover()
                .prefetch_related(card_categories())[:3]
            )
        if article.is_public:
            # Neighbours in (publish_at, pk) order; the plain range on publish_at comes
            # first so that the index finds them without reading the older articles.
            when, pk = article.publish_at, article.pk
            context["previous"] = (
                published.filter(publish_at__lte=when)
                .filter(Q(publish_at__lt=when) | Q(pk__lt=pk))
                .newest_first()
                .first()
            )
            context["next"] = (
                published.filter(publish_at__gte=when)
                .filter(Q(publish_at__gt=when) | Q(pk__gt=pk))
                .order_by("publish_at", "pk")
                .first()
            )
        context["breadcrumbs"] = [(reverse("news:article-list"), _("News"))]
        context["json_ld"] = structured_data.article(article, self.request)
        context["og_image"] = structured_data.image_url(article, self.request)
        return super().get_context_data(**context, **kwargs)


class EventListView(FilteredListMixin, ListView):
    """Upcoming events (soonest first) above the paginated archive of past ones."""

    model = Event
    filter_form_class = EventFilterForm
    template_name = "news/event_list.html"

    def get_filter_choices(self):
        self.categories = categories_of(Event)
        # The raions whose councils have events: once per content version, language and
        # process, like the categories (the Exists over the events' councils is the costliest
        # query of the page).
        self.raions = cache.per_version(("news.event_raions", get_language()), self.read_raions)
        return {"categories": self.categories, "raions": self.raions}

    @staticmethod
    def read_raions():
        linked = (
            Event.objects.published()
            .translated()
            .filter(Q(councils__unit=OuterRef("pk")) | Q(councils__unit__parent=OuterRef("pk")))
        )
        return list(
            TerritorialUnit.objects.filter(category=TerritorialUnit.Category.RAION)
            .filter(Exists(linked))
            .by_name()
        )

    def filter_events(self, events):
        if "category" in self.filters:
            events = events.filter(categories__slug=self.filters["category"])
        if "raion" in self.filters:
            raion = next(r for r in self.raions if r.code == self.filters["raion"])
            events = events.in_raion(raion)
        return events.prefetch_related(card_categories())

    def get_queryset(self):
        return self.filter_events(Event.objects.past().translated())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_page = context["page_obj"].number == 1
        context["upcoming"] = (
            self.filter_events(Event.objects.upcoming().translated()) if first_page else []
        )
        selected = self.filters.get("category")
        context["category"] = next((c for c in self.categories if c.slug == selected), None)
        context["raion"] = next(
            (r for r in self.raions if r.code == self.filters.get("raion")), None
        )
        return context


class EventDetailView(PreviewMixin, DetailView):
    model = Event

    def get_queryset(self):
        councils = Council.objects.select_related("unit").by_name()
        return (
            super()
            .get_queryset()
            .select_related("program", "cover")
            .prefetch_related(ordered_categories(), Prefetch("councils", queryset=councils))
        )

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            more_upcoming=Event.objects.upcoming()
            .translated()
            .exclude(pk=event.pk)
            .prefetch_related(card_categories())[:3],
            breadcrumbs=[(reverse("news:event-list"), _("Events"))],
            json_ld=structured_data.event(event, self.request),
            og_image=structured_data.image_url(event, self.request),
            **kwargs,
        )


def event_ics(request, slug):
    """One event as an .ics file for the visitor's calendar ("add to calendar")."""
    events = Event.objects.visible_to(request.user).prefetch_related(ordered_categories())
    event = events.filter(slug=slug).first()
    if event is None:
        raise Http404("No such event")
    if not event.is_translated():
        # an English calendar entry would carry the Ukrainian text (decision 0014)
        raise Http404("No calendar entry in this language")
    response = HttpResponse(
        calendar.build([event], request, name=event.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    if not event.is_public:
        response["Cache-Control"] = "private, no-store"
    return response
