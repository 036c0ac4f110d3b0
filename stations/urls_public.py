from stations.views import public

app_name = "public"

urlpatterns = [*public.urlpatterns]
