"""Staff pages of HR agencies and labour cooperatives (T10), one module per
concern: organisations with their members, labour projects with the residents
placed on them, and the placements themselves. Reads through the selectors,
writes through the services; out-of-scope records answer 404."""

from . import organisations, placements, projects

urlpatterns = [*organisations.urlpatterns, *projects.urlpatterns, *placements.urlpatterns]
