from stations.views import finder, public, text_messages

app_name = "public"

urlpatterns = [*public.urlpatterns, *finder.urlpatterns, *text_messages.urlpatterns]
