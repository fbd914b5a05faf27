//! Signing in and out, and one's own account: password and language.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::access::Viewer;
use crate::accounts::types::Account;
use crate::domain::Role;
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{FieldError, FormState, PageForm, Saved};
use crate::i18n::{t, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::urls;

/// Where a user goes after signing in: the page they asked for if it is an address of this site,
/// else a focal point's own country and everyone else's overview; first of all, a one-time password
/// must be changed.
pub fn landing_page(viewer: &Viewer, asked_for: Option<&str>) -> String {
    if viewer.must_change_password {
        return urls::ACCOUNT_PATH.to_owned();
    }
    let is_local = |path: &&str| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.starts_with("/\\")
            && !path.starts_with(urls::SIGN_IN_PATH)
            && !path.chars().any(char::is_control)
    };
    if let Some(path) = asked_for.filter(is_local) {
        return path.to_owned();
    }
    match (&viewer.role, &viewer.country) {
        (Role::FocalPoint, Some(country)) => crate::urls::country_path(&country.iso2),
        _ => "/".to_owned(),
    }
}

#[server(endpoint = "sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let address = crate::access::client_address();
    let (viewer, token) =
        crate::accounts::service::sign_in(&db, &email, &password, &address.0, chrono::Utc::now())
            .await?;
    let secure = crate::forms::request_is_https();
    crate::forms::set_cookie(crate::accounts::sessions::cookie(&token, secure));
    crate::forms::set_cookie(crate::i18n::language_cookie(viewer.language));
    crate::urls::redirect(&landing_page(&viewer, next.as_deref()));
    Ok(())
}

#[server(endpoint = "sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::access::{current_session, require, Permission};
    let viewer = require(Permission::ManageOwnAccount)?;
    let session = current_session().ok_or(AppError::Unauthenticated)?;
    crate::accounts::service::sign_out(
        &crate::db::use_db()?,
        &viewer,
        &session,
        chrono::Utc::now(),
    )
    .await?;
    crate::forms::set_cookie(crate::accounts::sessions::removal_cookie(
        crate::forms::request_is_https(),
    ));
    crate::urls::redirect(urls::SIGN_IN_PATH);
    Ok(())
}

#[server(endpoint = "account", input = GetUrl)]
pub async fn get_account() -> Result<Account, AppError> {
    let viewer = crate::access::require(crate::access::Permission::ManageOwnAccount)?;
    let monthly_digest =
        crate::accounts::service::wants_digest(&crate::db::use_db()?, viewer.user_id).await?;
    Ok(Account {
        viewer,
        monthly_digest,
    })
}

#[server(endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::access::{current_session, require, Permission};
    use crate::error::Problem;
    let viewer = require(Permission::ManageOwnAccount)?;
    let session = current_session().ok_or(AppError::Unauthenticated)?;
    if new_password != confirm_password {
        return Err(Problem::new("confirm_password", "problem-password-mismatch").into());
    }
    crate::accounts::service::change_own_password(
        &crate::db::use_db()?,
        &viewer,
        &session,
        &current_password,
        &new_password,
        chrono::Utc::now(),
    )
    .await?;
    if viewer.must_change_password {
        let changed = Viewer {
            must_change_password: false,
            ..viewer
        };
        crate::urls::redirect(&landing_page(&changed, None));
    } else {
        crate::urls::redirect(&format!("{}?saved=password", urls::ACCOUNT_PATH));
    }
    Ok(())
}

#[server(endpoint = "account/language")]
pub async fn set_language(language: String) -> Result<(), AppError> {
    use crate::access::{require, Permission};
    let viewer = require(Permission::ManageOwnAccount)?;
    let language = Lang::from_tag(&language)
        .ok_or_else(|| crate::error::Problem::new("language", "problem-language-invalid"))?;
    crate::accounts::service::set_own_language(
        &crate::db::use_db()?,
        &viewer,
        language,
        chrono::Utc::now(),
    )
    .await?;
    crate::forms::set_cookie(crate::i18n::language_cookie(language));
    crate::urls::redirect(&format!("{}?saved=language", urls::ACCOUNT_PATH));
    Ok(())
}

/// `monthly_digest` is `on` to receive the monthly digest, `off` to stop it.
#[server(endpoint = "account/digest")]
pub async fn set_digest(monthly_digest: String) -> Result<(), AppError> {
    use crate::access::{require, Permission};
    let viewer = require(Permission::ManageOwnAccount)?;
    let wanted = match monthly_digest.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(Problem::new("monthly_digest", "problem-digest-choice").into()),
    };
    crate::accounts::service::set_own_digest(
        &crate::db::use_db()?,
        &viewer,
        wanted,
        chrono::Utc::now(),
    )
    .await?;
    crate::urls::redirect(&format!("{}?saved=digest", urls::ACCOUNT_PATH));
    Ok(())
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = FormState::new(SignIn::PATH);
    let next = state.value(
        "next",
        query.read_untracked().get("next").unwrap_or_default(),
    );
    view! {
        <Title text=t(lang, "sign-in-title")/>
        <section class="narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t(lang, "sign-in-title")}</h1>
            <p class="lead">{t(lang, "sign-in-intro")}</p>
            <PageForm state=state.clone() targets=sign_in_targets>
                <input type="hidden" name="next" value=next/>
                <label for="email">{t(lang, "field-email")}</label>
                <FieldError state=state.clone() field="email"/>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    maxlength="254"
                    value=state.value("email", "")
                    aria-invalid=state.invalid("email")
                    aria-describedby=state.described_by("email")
                />
                <label for="password">{t(lang, "field-password")}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    maxlength="256"
                />
                <button type="submit">{t(lang, "sign-in-submit")}</button>
            </PageForm>
        </section>
    }
}

fn sign_in_targets(problem: &Problem) -> Option<String> {
    matches!(problem.field.as_str(), "email" | "password").then(|| problem.field.clone())
}

/// Where the password form's problems are: each password field has the id of its name.
fn password_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "current_password" | "confirm_password" => problem.field.as_str(),
        "password" | "new_password" => "new_password",
        _ => return None,
    };
    Some(id.to_owned())
}

fn language_targets(problem: &Problem) -> Option<String> {
    (problem.field == "language").then(|| "language".to_owned())
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let account = Resource::new(|| (), |_| get_account());
    let query = use_query_map();
    let saved = {
        let key = match query.read_untracked().get("saved").as_deref() {
            Some("password") if !FormState::new(ChangePassword::PATH).is_refused() => {
                Some("account-password-saved")
            }
            Some("language") if !FormState::new(SetLanguage::PATH).is_refused() => {
                Some("account-language-saved")
            }
            Some("digest") if !FormState::new(SetDigest::PATH).is_refused() => {
                Some("account-digest-saved")
            }
            _ => None,
        };
        key.map(|key| view! { <Saved message=t(lang, key)/> })
    };
    view! {
        <Title text=t(lang, "account-title")/>
        <h1>{t(lang, "account-title")}</h1>
        {saved}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(account.await, move |account| view! { <AccountView account lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn AccountView(account: Account, lang: Lang) -> impl IntoView {
    let Account {
        viewer,
        monthly_digest,
    } = account;
    let change = FormState::new(ChangePassword::PATH);
    let password =
        |field: &'static str, autocomplete: &'static str, minimum: Option<&'static str>| {
            view! {
                <FieldError state=change.clone() field/>
                <input
                    id=field
                    name=field
                    type="password"
                    autocomplete=autocomplete
                    required
                    minlength=minimum
                    maxlength="256"
                    aria-invalid=change.invalid(field)
                    aria-describedby=change.described_by(field)
                />
            }
        };
    let (current, new, confirm) = (
        password("current_password", "current-password", None),
        password("new_password", "new-password", Some("12")),
        password("confirm_password", "new-password", Some("12")),
    );
    let language = FormState::new(SetLanguage::PATH);
    let chosen = language.value("language", viewer.language.code());
    let role = t(lang, viewer.role.label_key());
    view! {
        {viewer
            .must_change_password
            .then(|| view! { <p class="notice" role="alert">{t(lang, "account-must-change")}</p> })}
        <dl class="facts">
            <dt>{t(lang, "field-name")}</dt>
            <dd>{viewer.name.clone()}</dd>
            <dt>{t(lang, "field-email")}</dt>
            <dd>{viewer.email.clone()}</dd>
            <dt>{t(lang, "field-role")}</dt>
            <dd>{role}</dd>
            {viewer
                .country
                .clone()
                .map(|country| {
                    view! {
                        <dt>{t(lang, "field-country")}</dt>
                        <dd>
                            <a href=crate::urls::country_path(&country.iso2)>{country.iso2.clone()}</a>
                        </dd>
                    }
                })}
        </dl>
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t(lang, "account-password-heading")}</h2>
            <p class="muted">{t(lang, "account-password-rules")}</p>
            <PageForm state=change.clone() targets=password_targets>
                <label for="current_password">{t(lang, "field-current-password")}</label>
                {current}
                <label for="new_password">{t(lang, "field-new-password")}</label>
                {new}
                <FieldError state=change.clone() field="password"/>
                <label for="confirm_password">{t(lang, "field-confirm-password")}</label>
                {confirm}
                <button type="submit">{t(lang, "account-password-submit")}</button>
            </PageForm>
        </section>
        {(!viewer.must_change_password)
            .then(|| {
                view! {
                    <section aria-labelledby="language-heading">
                        <h2 id="language-heading">{t(lang, "account-language-heading")}</h2>
                        <PageForm state=language.clone() targets=language_targets class="form form--inline">
                            <label for="language">{t(lang, "field-language")}</label>
                            <FieldError state=language.clone() field="language"/>
                            <select id="language" name="language" aria-invalid=language.invalid("language")>
                                {Lang::ALL
                                    .into_iter()
                                    .map(|option| {
                                        view! {
                                            <option
                                                value=option.code()
                                                selected=option.code() == chosen
                                            >
                                                {option.endonym()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit">{t(lang, "save")}</button>
                        </PageForm>
                    </section>
                    {(viewer.role == Role::FocalPoint)
                        .then(|| view! { <DigestChoice wanted=monthly_digest lang/> })}
                    <crate::api::pages::ApiTokens lang/>
                }
            })}
    }
}

/// A focal point's choice of the monthly digest of their country's outlook: whether they receive
/// it, and the button that changes that.
#[component]
fn DigestChoice(wanted: bool, lang: Lang) -> impl IntoView {
    let form = FormState::new(SetDigest::PATH);
    let (state, button, value) = if wanted {
        ("account-digest-on", "account-digest-stop", "off")
    } else {
        ("account-digest-off", "account-digest-start", "on")
    };
    view! {
        <section aria-labelledby="digest-heading">
            <h2 id="digest-heading">{t(lang, "account-digest-heading")}</h2>
            <p class="muted">{t(lang, "account-digest-intro")}</p>
            <PageForm state=form.clone() targets=digest_targets class="form form--inline">
                <FieldError state=form.clone() field="monthly_digest"/>
                <p id="monthly_digest">{t(lang, state)}</p>
                <input type="hidden" name="monthly_digest" value=value/>
                <button type="submit">{t(lang, button)}</button>
            </PageForm>
        </section>
    }
}

fn digest_targets(problem: &Problem) -> Option<String> {
    (problem.field == "monthly_digest").then(|| "monthly_digest".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::ViewerCountry;

    #[test]
    fn the_sign_out_button_posts_to_the_sign_out_function() {
        assert_eq!(SignOut::PATH, urls::SIGN_OUT_PATH);
    }

    fn focal_point() -> Viewer {
        Viewer {
            user_id: 7,
            name: "Ana".into(),
            email: "focal.cr@demo.enlace".into(),
            role: Role::FocalPoint,
            country: Some(ViewerCountry {
                id: 3,
                iso2: "CR".into(),
            }),
            language: Lang::Es,
            must_change_password: false,
        }
    }

    #[test]
    fn after_sign_in_a_user_lands_on_the_page_asked_for_or_their_own() {
        let focal = focal_point();
        assert_eq!(landing_page(&focal, None), "/countries/cr");
        assert_eq!(landing_page(&focal, Some("")), "/countries/cr");
        assert_eq!(
            landing_page(&focal, Some("/actions/1.1.2?lang=es")),
            "/actions/1.1.2?lang=es"
        );
        for elsewhere in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/sign-in",
        ] {
            assert_eq!(landing_page(&focal, Some(elsewhere)), "/countries/cr");
        }
        let reviewer = Viewer {
            role: Role::Reviewer,
            country: None,
            ..focal.clone()
        };
        assert_eq!(landing_page(&reviewer, None), "/");
        let must_change = Viewer {
            must_change_password: true,
            ..focal
        };
        assert_eq!(landing_page(&must_change, Some("/plan")), "/account");
    }
}
