"""Staff pages of this app, mounted under /staff/partners/. Each area lists its
own routes in its views module."""

from .views import cooperatives, examples, funds, home, network, staff_training

app_name = "partnerships"

urlpatterns = [
    *home.urlpatterns,
    *network.urlpatterns,
    *cooperatives.urlpatterns,
    *examples.urlpatterns,
    *staff_training.urlpatterns,
    *funds.urlpatterns,
]
