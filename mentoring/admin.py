from django.contrib import admin

from mentoring.models import Pair


# The meeting log is the pair's own (the firewall): the admin lists the pairs, not what they said.
@admin.register(Pair)
class PairAdmin(admin.ModelAdmin[Pair]):
    list_display = ["mentor", "mentee", "network", "kind", "status", "started_on", "last_met_on"]
    list_filter = ["status", "kind"]
    search_fields = ["mentor__full_name", "mentee__full_name", "network__name"]
    autocomplete_fields = ["network", "mentor", "mentee"]
    fields = ["network", "mentor", "mentee", "kind", "started_on", "quiet_after_days", "status", "completed_on"]
