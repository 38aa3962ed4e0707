"""Login, logout and the second factor, under /konto/ (namespace ``accounts``)."""

from django.urls import URLPattern, path

from verbund.accounts import views

app_name = "accounts"
urlpatterns: list[URLPattern] = [
    path("anmelden/", views.login_view, name="login"),
    path("abmelden/", views.logout_view, name="logout"),
    # settings.VERBUND_OTP_URL points here.
    path("zweiter-faktor/", views.otp_verify, name="otp_verify"),
    path("zweiter-faktor/einrichten/", views.otp_setup, name="otp_setup"),
]
