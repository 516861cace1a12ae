from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("two-step-login/", views.two_factor_setup, name="two_factor"),
]
