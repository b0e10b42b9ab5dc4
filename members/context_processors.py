from django.utils.functional import SimpleLazyObject

from members.models import Association


def association(request):
    # Lazy: the one query runs only on pages that name the association (the footer does).
    return {"association_name": SimpleLazyObject(Association.objects.current_name)}
