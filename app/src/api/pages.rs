//! The API tokens section of the account page: the user's tokens with a button to revoke each,
//! the form that creates one, and the token just created, shown this once.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;

use super::rules::TokenScope;
use super::types::{TokenForm, TokensView};
use crate::error::{AppError, Problem};
use crate::forms::{no_targets, FieldError, FormState, PageForm};
use crate::i18n::{t, t_args, Lang};
use crate::layout::Loading;

/// The cookie that carries a token just created to the page that shows it once.
pub const CREATED_COOKIE: &str = "enlace_new_token";

#[server(endpoint = "account/tokens", input = GetUrl)]
pub async fn get_tokens() -> Result<TokensView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::ManageOwnAccount)?;
    let now = chrono::Utc::now();
    let db = crate::db::use_db()?;
    let tokens = crate::api::queries::tokens_of(&db, viewer.user_id, now).await?;
    // A token just created is shown this once: its cookie is removed with this page.
    let created = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                (name == CREATED_COOKIE && value.starts_with(super::rules::TOKEN_PREFIX))
                    .then(|| value.to_owned())
            })
    });
    if created.is_some() {
        crate::forms::set_cookie(created_cookie("", 0));
    }
    Ok(TokensView {
        tokens,
        created,
        default_expiry: (now.date_naive() + chrono::Days::new(90)).to_string(),
    })
}

/// The cookie that hands `token` to the account page for `max_age` seconds.
#[cfg(feature = "ssr")]
fn created_cookie(token: &str, max_age: u32) -> String {
    let secure = if crate::forms::request_is_https() {
        "; Secure"
    } else {
        ""
    };
    format!("{CREATED_COOKIE}={token}; Path=/account; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

/// Creates a token and sends the browser back to the account page, which shows it once.
#[server(endpoint = "account/tokens/create")]
pub async fn create_api_token(form: TokenForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let token = crate::api::service::create_token(&db, &viewer, &form, chrono::Utc::now()).await?;
    crate::forms::set_cookie(created_cookie(&token, 300));
    crate::urls::redirect("/account#api-tokens");
    Ok(())
}

#[server(endpoint = "account/tokens/revoke")]
pub async fn revoke_api_token(id: String) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::ManageOwnAccount)?;
    let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let db = crate::db::use_db()?;
    crate::api::service::revoke_token(&db, &viewer, id, chrono::Utc::now()).await?;
    crate::urls::redirect("/account#api-tokens");
    Ok(())
}

fn token_targets(problem: &Problem) -> Option<String> {
    (problem.field != crate::forms::FORM_FIELD).then(|| format!("token-{}", problem.field))
}

/// The API tokens section of the account page.
#[component]
pub fn ApiTokens(lang: Lang) -> impl IntoView {
    let view = Resource::new(|| (), |_| get_tokens());
    view! {
        <section aria-labelledby="api-tokens" class="api-tokens">
            <h2 id="api-tokens">{t(lang, "tokens-heading")}</h2>
            <p class="muted">
                {t(lang, "tokens-intro")} " "
                <a href="/api/v1/docs">{t(lang, "tokens-docs")}</a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    view.await.ok().map(|view| view! { <TokensList view lang/> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TokensList(view: TokensView, lang: Lang) -> impl IntoView {
    let create = FormState::new(CreateApiToken::PATH);
    let created = view.created.map(|token| {
        view! {
            <div class="notice" role="status" tabindex="-1" autofocus>
                <p>{t(lang, "tokens-created")}</p>
                <p><code class="token">{token}</code></p>
            </div>
        }
    });
    let rows = view
        .tokens
        .into_iter()
        .map(|token| {
            let revoke = FormState::one_of(RevokeApiToken::PATH, &token.id.to_string());
            let state = if token.active {
                t(lang, "tokens-active")
            } else {
                t(lang, "tokens-inactive")
            };
            view! {
                <tr>
                    <th scope="row">{token.name}</th>
                    <td><code>{format!("{}…", token.shown)}</code></td>
                    <td>{t(lang, token.scope.label_key())}</td>
                    <td>{token.expires_on}</td>
                    <td>{token.last_used_on.unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{state}</td>
                    <td>
                        {token.active.then(|| view! {
                            <PageForm state=revoke targets=no_targets class="form form--inline">
                                <input type="hidden" name="id" value=token.id/>
                                <button type="submit" class="button--secondary">{t(lang, "tokens-revoke")}</button>
                            </PageForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let expires = create.value("form[expires_on]", view.default_expiry.clone());
    let name = create.value("form[name]", "");
    view! {
        {created}
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="api-tokens">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "tokens-name")}</th>
                        <th scope="col">{t(lang, "tokens-shown")}</th>
                        <th scope="col">{t(lang, "tokens-scope")}</th>
                        <th scope="col">{t(lang, "tokens-expires")}</th>
                        <th scope="col">{t(lang, "tokens-last-used")}</th>
                        <th scope="col">{t(lang, "tokens-state")}</th>
                        <th scope="col"><span class="visually-hidden">{t(lang, "tokens-revoke")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h3>{t(lang, "tokens-create-heading")}</h3>
        <PageForm state=create.clone() targets=token_targets>
            <div class="field">
                <label for="token-name">{t(lang, "tokens-name")}</label>
                <FieldError state=create.clone() field="name"/>
                <input id="token-name" name="form[name]" value=name required maxlength="100"
                    aria-invalid=create.invalid("name") aria-describedby=create.described_by("name")/>
            </div>
            <div class="field">
                <label for="token-scope">{t(lang, "tokens-scope")}</label>
                <FieldError state=create.clone() field="scope"/>
                <select id="token-scope" name="form[scope]">
                    {[TokenScope::Read, TokenScope::Write]
                        .into_iter()
                        .map(|scope| view! { <option value=scope.code()>{t(lang, scope.label_key())}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="token-expires_on">{t(lang, "tokens-expires")}</label>
                <FieldError state=create.clone() field="expires_on"/>
                <input id="token-expires_on" type="date" name="form[expires_on]" value=expires required
                    aria-invalid=create.invalid("expires_on") aria-describedby=create.described_by("expires_on")/>
            </div>
            <button type="submit">{t(lang, "tokens-create")}</button>
        </PageForm>
        <p class="muted">{t_args(lang, "tokens-limits", &[("count", super::rules::MAX_TOKENS.into()), ("days", super::rules::MAX_DAYS.into())])}</p>
    }
}
