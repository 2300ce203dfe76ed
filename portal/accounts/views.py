from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.notifications.choices import Channel

from . import selectors, services
from .forms import (
    PasswordResetRequestForm,
    PortalPasswordChangeForm,
    PortalSetPasswordForm,
    ProfileForm,
    RegistrationForm,
    SignInForm,
    SmsCodeForm,
    SmsPasswordResetForm,
    StaffCreateForm,
    TotpConfirmForm,
)
from .signals import TOTP_PENDING_KEY, client_ip


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
            self.request.session.pop(TOTP_PENDING_KEY, None)
        return response


class RegisterView(FormView):
    template_name = "accounts/register.html"
    form_class = RegistrationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        services.registration_start(
            data=form.cleaned_data,
            absolute_url=self.request.build_absolute_uri,
            ip_address=client_ip(self.request),
        )
        # The answer depends only on what was typed, never on whether an account already exists.
        if form.cleaned_data["preferred_channel"] == Channel.SMS:
            query = urlencode({"phone": form.cleaned_data["phone"]})
            return redirect(f"{reverse('accounts:activate_by_code')}?{query}")
        return redirect("accounts:registration_sent")


class RegistrationSentView(TemplateView):
    template_name = "accounts/registration_sent.html"


def activate(request, uidb64, token):
    user = services.account_activate_by_token(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/activation_invalid.html", status=400)
    messages.success(request, _("Your account is active. You can sign in now."))
    return redirect("accounts:login")


class ActivateByCodeView(FormView):
    template_name = "accounts/activate_by_code.html"
    form_class = SmsCodeForm

    def get_initial(self):
        return {"phone": self.request.GET.get("phone", "")}

    def form_valid(self, form):
        user = services.account_activate_by_code(
            phone=form.cleaned_data["phone"], code=form.cleaned_data["code"]
        )
        if user is None:
            form.add_error(None, _("The code is wrong or has expired."))
            return self.form_invalid(form)
        messages.success(self.request, _("Your account is active. You can sign in now."))
        return redirect("accounts:login")


class PasswordResetView(FormView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm

    def form_valid(self, form):
        services.password_reset_request(
            identifier=form.cleaned_data["identifier"], absolute_url=self.request.build_absolute_uri
        )
        return redirect("accounts:password_reset_sent")


class PasswordResetSentView(TemplateView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PortalSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetByCodeView(FormView):
    template_name = "accounts/password_reset_by_code.html"
    form_class = SmsPasswordResetForm

    def get_initial(self):
        return {"phone": self.request.GET.get("phone", "")}

    def form_valid(self, form):
        services.password_set_by_code(user=form.user, new_password=form.cleaned_data["new_password1"])
        messages.success(self.request, _("Your password is changed. You can sign in now."))
        return redirect("accounts:login")


class PasswordResetCompleteView(TemplateView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PortalPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=request.user,
            data={name: form.cleaned_data[name] for name in form.fields},
            declared_by=request.user,
            ip_address=client_ip(request),
        )
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")
    context = {
        "form": form,
        "declarations": selectors.user_declarations(user=request.user),
        "roles": selectors.user_role_labels(user=request.user),
        "can_manage_staff": selectors.user_is_it_officer(user=request.user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@never_cache
def totp_setup(request):
    """Optional second factor for staff (R-ACC-4): an authenticator app's 6-digit code at sign-in."""
    if not request.user.is_agency_staff:
        raise Http404
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if request.method == "POST" and request.POST.get("action") == "disable" and confirmed:
        TOTPDevice.objects.filter(user=request.user).delete()
        messages.success(request, _("Two-step verification is turned off."))
        return redirect("accounts:totp_setup")
    if confirmed:
        return render(request, "accounts/totp_setup.html", {"confirmed": True})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request, _("Two-step verification is on. You will need the code at each sign-in.")
            )
            return redirect("accounts:profile")
        form.add_error("token", _("The code is wrong. Check the time on your phone and try again."))
    context = {"form": form, "config_url": device.config_url, "secret": _base32_key(device)}
    return render(request, "accounts/totp_setup.html", context)


def _base32_key(device) -> str:
    return b32encode(device.bin_key).decode()


# --- IT officers: staff of their own agency (R-ACC-5) ---------------------------------------------


def it_officer_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not selectors.user_is_it_officer(user=request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _agency_member(request, pk):
    # 404 for anyone outside the officer's agency: they cannot even learn that the account exists.
    return get_object_or_404(selectors.agency_staff_list(agency=request.user.agency), pk=pk)


def _show_one_time_password(request, user, password):
    response = render(
        request, "accounts/staff/one_time_password.html", {"member": user, "password": password}
    )
    response["Cache-Control"] = "no-store"
    return response


@it_officer_required
def staff_list(request):
    members = selectors.agency_staff_list(agency=request.user.agency)
    return render(request, "accounts/staff/list.html", {"members": members, "agency": request.user.agency})


@it_officer_required
@never_cache
def staff_create(request):
    agency = request.user.agency
    form = StaffCreateForm(request.POST or None, initial={"username": f".{agency.code}"})
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.staff_user_create(
                agency=agency, created_by=request.user, ip_address=client_ip(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("username", error.message_dict["username"])
        else:
            return _show_one_time_password(request, user, password)
    return render(request, "accounts/staff/create.html", {"form": form, "agency": agency})


@it_officer_required
def staff_detail(request, pk):
    member = _agency_member(request, pk)
    context = {
        "member": member,
        "roles": selectors.user_role_labels(user=member),
        "declarations": selectors.user_declarations(user=member),
    }
    return render(request, "accounts/staff/detail.html", context)


@require_POST
@it_officer_required
def staff_set_active(request, pk, active):
    member = _agency_member(request, pk)
    if member == request.user:
        messages.error(request, _("You cannot lock your own account."))
    else:
        services.staff_user_set_active(
            user=member, active=active, changed_by=request.user, ip_address=client_ip(request)
        )
        messages.success(request, _("Account unlocked.") if active else _("Account locked."))
    return redirect("accounts:staff_detail", pk=member.pk)


@require_POST
@it_officer_required
@never_cache
def staff_password_reset(request, pk):
    member = _agency_member(request, pk)
    password = services.staff_password_reset(
        user=member, reset_by=request.user, ip_address=client_ip(request)
    )
    return _show_one_time_password(request, member, password)


@it_officer_required
def sign_in_log(request):
    events = selectors.agency_sign_ins(agency=request.user.agency)
    return render(
        request, "accounts/staff/sign_in_log.html", {"events": events, "agency": request.user.agency}
    )
