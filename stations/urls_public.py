from stations.views import finder, public

app_name = "public"

urlpatterns = [*public.urlpatterns, *finder.urlpatterns]
