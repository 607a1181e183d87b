from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from commentapp.comments.ratelimits import throttle_failed_logins

urlpatterns = [
    # Before admin.site.urls so that this wrapped view answers /admin/login/.
    path("admin/login/", throttle_failed_logins(admin.site.login)),
    path("admin/", admin.site.urls),
    path("accounts/login/", throttle_failed_logins(auth_views.LoginView.as_view()), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include("commentapp.comments.api.urls")),
    path("newsletter/", include("commentapp.newsletter.urls")),
    path("", include("commentapp.comments.urls")),
    path("", include("articles.urls")),
]
