"""The search index that the content apps plug into.

An app registers each searchable model once, in its AppConfig.ready(), with a function that
turns one object into its documents: one per language, or {} when the object is not public
(a draft, a council that is not a member). From then on every save, delete and change of the
watched many-to-many fields updates the index, and `manage.py rebuild_search_index` rebuilds
it from the registrations. Example (news/search.py, imported from NewsConfig.ready())::

    from django.utils import translation

    from news.models import Article
    from search import registry


    def article_documents(article):
        if not article.is_public:  # {} removes the article from the index
            return {}
        documents = {}
        for language in ("uk", "en"):
            with translation.override(language):  # modeltranslation falls back to uk
                documents[language] = {
                    "title": article.title,
                    "text": article.body,  # plain text or HTML: tags are dropped
                    "url": article.get_absolute_url(),  # /news/… or /en/news/…
                    "date": article.publish_at,  # date or datetime: newer ranks first
                    "visible_from": article.publish_at,  # hidden until then (None: always)
                }
        return documents


    registry.register(
        Article,
        kind="news",  # the kind of document: one filter of the search page
        label=_("News item"),  # what one result is
        plural=_("News"),  # the filter's label, as in the main menu
        order=10,  # the filters' order
        documents=article_documents,
        queryset=lambda: Article.objects.prefetch_related("councils"),  # for the rebuild
        m2m=["councils"],  # re-index when these many-to-many fields change
    )

Leave a language out of the dict to keep the object out of that language's results.

Ukrainian documents are lemmatised (search.morphology), English ones use PostgreSQL's
'english' configuration. Signals do not fire for QuerySet.update(), bulk_create() or
raw SQL: after those, call `index_objects(queryset)` or run rebuild_search_index. Removing
documents leaves their words in the spelling vocabulary until the next rebuild.

Lower-level, for data that is not a registered model (tests, the benchmark)::

    registry.index_documents("news", [("demo:1", {"uk": {"title": ..., "url": ...}})])
    registry.remove_documents(["demo:1"])
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from search.index import analyze, clear, index_documents, remove_documents
from search.kinds import add_kind, get_kind

__all__ = [
    "add_kind",
    "index_documents",
    "index_objects",
    "object_key",
    "rebuild",
    "register",
    "registered",
    "remove",
    "remove_documents",
    "unregister",
]


@dataclass
class Registration:
    model: type
    kind: str
    documents: object  # callable(obj) -> {language: fields}
    queryset: object = None  # callable() -> QuerySet, for rebuild and m2m re-indexing
    m2m: list = field(default_factory=list)

    def objects(self):
        return self.queryset() if self.queryset else self.model._default_manager.all()

    def items(self, objects):
        return ((object_key(obj), self.documents(obj)) for obj in objects)


_registry = {}


def object_key(obj, pk=None):
    """The index key of a model instance (or of a model class and a primary key)."""
    model = obj if isinstance(obj, type) else type(obj)
    return f"{model._meta.label_lower}:{obj.pk if pk is None else pk}"


def register(model, *, kind, documents, label=None, plural=None, order=100, queryset=None, m2m=()):
    """Index `model` as documents of `kind`; see the module docstring.

    `label` (one result: "News item") and `plural` (the search page's filter: "News") add
    the kind; without them the kind must have been added already (by another model).
    """
    if label is not None:
        add_kind(kind, label, plural or label, order)
    elif get_kind(kind) is None:
        raise ValueError(f"the kind {kind!r} is new: give it a label and a plural")
    registration = Registration(model, kind, documents, queryset, list(m2m))
    _registry[model] = registration
    uid = f"search:{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for name in registration.m2m:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(
            _m2m_handler(registration, name), sender=through, weak=False, dispatch_uid=uid + name
        )
    return registration


def unregister(model):
    """Stop indexing `model` (tests use it to clean up)."""
    registration = _registry.pop(model)
    uid = f"search:{model._meta.label_lower}"
    post_save.disconnect(sender=model, dispatch_uid=uid)
    post_delete.disconnect(sender=model, dispatch_uid=uid)
    for name in registration.m2m:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.disconnect(sender=through, dispatch_uid=uid + name)


def registered():
    return list(_registry.values())


def index_objects(objects):
    """(Re)index these instances of registered models (a list or a queryset)."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    written = 0
    for model, instances in by_model.items():
        registration = _registry[model]
        written += index_documents(registration.kind, registration.items(instances))
    return written


def remove(obj):
    """Remove an instance's documents from the index."""
    return remove_documents([object_key(obj)])


def rebuild():
    """Rebuild the whole index from the registrations, in one transaction, in bulk.

    Returns {model label: (objects, documents)}.
    """
    counts = {}
    with transaction.atomic():
        clear()
        known_terms = set()
        for registration in _registry.values():
            seen = [0]

            def counted(objects, seen=seen):
                for obj in objects:
                    seen[0] += 1
                    yield obj

            objects = counted(registration.objects().iterator(chunk_size=500))
            documents = index_documents(
                registration.kind,
                registration.items(objects),
                replace=False,
                known_terms=known_terms,
            )
            counts[registration.model._meta.label] = (seen[0], documents)
    analyze()
    return counts


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the fixture's relations may not exist yet
        index_objects([instance])


def _deleted(sender, instance, **kwargs):
    remove(instance)


def _m2m_handler(registration, name):
    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                index_objects([instance])
            return
        # The other side changed (council.articles.add(article)): re-index those objects.
        if action == "pre_clear":
            linked = registration.model._default_manager.filter(**{name: instance})
            instance._search_cleared_pks = list(linked.values_list("pk", flat=True))
            return
        if action == "post_clear":
            pks = instance.__dict__.pop("_search_cleared_pks", [])
        elif action in ("post_add", "post_remove"):
            pks = pk_set or []
        else:
            return
        if pks:
            index_objects(registration.objects().filter(pk__in=pks))

    return changed
