//! The secretariat's users page: every account, a form to create one, and per user the buttons to
//! deactivate or reactivate it and to set a one-time password.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::accounts::types::{UserRow, UsersData};
use crate::domain::{Bilingual, Role};
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{no_targets, FieldError, FormState, PageForm};
use crate::i18n::{t, Lang};
use crate::layout::{page_or_error, use_lang, Loading};

#[server(endpoint = "users", input = GetUrl)]
pub async fn get_users() -> Result<UsersData, AppError> {
    use crate::access::{require, Permission};
    require(Permission::ManageUsers)?;
    let db = crate::db::use_db()?;
    let countries = crate::countries::queries::member_country_names(&db).await?;
    Ok(UsersData {
        users: crate::accounts::service::list_users(&db).await?,
        countries,
    })
}

#[server(endpoint = "users/create")]
pub async fn create_user(
    email: String,
    name: String,
    role: String,
    country: Option<String>,
    language: String,
    password: String,
) -> Result<UserRow, AppError> {
    use crate::access::{require, Permission};
    use crate::audit::service::Actor;
    use crate::error::Problem;
    let secretariat = require(Permission::ManageUsers)?;
    let role =
        Role::from_code(&role).ok_or_else(|| Problem::new("role", "problem-role-invalid"))?;
    let language = Lang::from_tag(&language)
        .ok_or_else(|| Problem::new("language", "problem-language-invalid"))?;
    crate::accounts::service::create_user(
        &crate::db::use_db()?,
        Actor::User(secretariat.user_id),
        crate::accounts::types::NewUser {
            email,
            name,
            role,
            country,
            language,
            password,
            must_change_password: true,
        },
        chrono::Utc::now(),
    )
    .await
}

#[server(endpoint = "users/active")]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<UserRow, AppError> {
    use crate::access::{require, Permission};
    let secretariat = require(Permission::ManageUsers)?;
    crate::accounts::service::set_active(
        &crate::db::use_db()?,
        &secretariat,
        user_id,
        active,
        chrono::Utc::now(),
    )
    .await
}

#[server(endpoint = "users/one-time-password")]
pub async fn set_one_time_password(user_id: i32, password: String) -> Result<UserRow, AppError> {
    use crate::access::{require, Permission};
    let secretariat = require(Permission::ManageUsers)?;
    crate::accounts::service::set_one_time_password(
        &crate::db::use_db()?,
        &secretariat,
        user_id,
        &password,
        chrono::Utc::now(),
    )
    .await
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let users = Resource::new(|| (), |_| get_users());
    view! {
        <Title text=t(lang, "users-title")/>
        <h1>{t(lang, "users-title")}</h1>
        <p class="lead">{t(lang, "users-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    users.await,
                    move |data| {
                        let countries = data.countries.clone();
                        view! {
                            <UserTable users=data.users lang/>
                            <section aria-labelledby="new-user-heading">
                                <h2 id="new-user-heading">{t(lang, "users-new-heading")}</h2>
                                <NewUserForm countries lang/>
                            </section>
                        }
                    },
                )
            })}
        </Suspense>
    }
}

#[component]
fn UserTable(users: Vec<UserRow>, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <caption>{t(lang, "users-table-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "field-name")}</th>
                        <th scope="col">{t(lang, "field-email")}</th>
                        <th scope="col">{t(lang, "field-role")}</th>
                        <th scope="col">{t(lang, "field-country")}</th>
                        <th scope="col">{t(lang, "field-language")}</th>
                        <th scope="col">{t(lang, "users-col-state")}</th>
                        <th scope="col">{t(lang, "users-col-actions")}</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|user| {
                            let state = match (user.active, user.must_change_password) {
                                (false, _) => t(lang, "users-state-inactive"),
                                (true, true) => t(lang, "users-state-must-change"),
                                (true, false) => t(lang, "users-state-active"),
                            };
                            let toggle_label = if user.active {
                                t(lang, "users-deactivate")
                            } else {
                                t(lang, "users-reactivate")
                            };
                            let password_id = format!("one-time-password-{}", user.id);
                            let which = user.id.to_string();
                            let reset = FormState::one_of(SetOneTimePassword::PATH, &which);
                            view! {
                                <tr>
                                    <th scope="row">{user.name.clone()}</th>
                                    <td>{user.email.clone()}</td>
                                    <td>{t(lang, user.role.label_key())}</td>
                                    <td>{user.country.clone().unwrap_or_default()}</td>
                                    <td>{user.language.endonym()}</td>
                                    <td>{state}</td>
                                    <td class="row-actions">
                                        <PageForm
                                            state=FormState::one_of(SetUserActive::PATH, &which)
                                            targets=no_targets
                                            class="form form--inline"
                                        >
                                            <input type="hidden" name="user_id" value=user.id/>
                                            <input
                                                type="hidden"
                                                name="active"
                                                value=if user.active { "false" } else { "true" }
                                            />
                                            <button type="submit">{toggle_label}</button>
                                        </PageForm>
                                        <PageForm state=reset.clone() targets=no_targets class="form form--inline">
                                            <input type="hidden" name="user_id" value=user.id/>
                                            <label for=password_id.clone()>
                                                {t(lang, "users-one-time-password")}
                                            </label>
                                            <input
                                                id=password_id
                                                name="password"
                                                type="password"
                                                autocomplete="new-password"
                                                required
                                                minlength="12"
                                                maxlength="256"
                                                aria-invalid=reset.invalid("password")
                                            />
                                            <button type="submit">{t(lang, "users-set-password")}</button>
                                        </PageForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Where the new-user form's problems are: each field the rules name has its element.
fn new_user_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "email" => "new-email",
        "name" => "new-name",
        "role" => "new-role",
        "country" => "new-country",
        "language" => "new-language",
        "password" => "new-password",
        _ => return None,
    };
    Some(id.to_owned())
}

#[component]
fn NewUserForm(countries: Vec<(String, Bilingual)>, lang: Lang) -> impl IntoView {
    let state = FormState::new(CreateUser::PATH);
    let (role, country, language) = (
        state.value("role", ""),
        state.value("country", ""),
        state.value("language", ""),
    );
    let text =
        |field: &'static str, id: &'static str, kind: &'static str, longest: &'static str| {
            view! {
                <FieldError state=state.clone() field/>
                <input
                    id=id
                    name=field
                    type=kind
                    required
                    maxlength=longest
                    value=state.value(field, "")
                    aria-invalid=state.invalid(field)
                    aria-describedby=state.described_by(field)
                />
            }
        };
    let (email, name) = (
        text("email", "new-email", "email", "254"),
        text("name", "new-name", "text", "120"),
    );
    view! {
        <PageForm state=state.clone() targets=new_user_targets>
            <label for="new-email">{t(lang, "field-email")}</label>
            {email}
            <label for="new-name">{t(lang, "field-name")}</label>
            {name}
            <label for="new-role">{t(lang, "field-role")}</label>
            <FieldError state=state.clone() field="role"/>
            <select id="new-role" name="role" aria-invalid=state.invalid("role")>
                {Role::ALL
                    .iter()
                    .map(|option| {
                        view! {
                            <option value=option.code() selected=option.code() == role>
                                {t(lang, option.label_key())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="new-country">{t(lang, "field-country-focal")}</label>
            <FieldError state=state.clone() field="country"/>
            <select id="new-country" name="country" aria-invalid=state.invalid("country")>
                <option value="">{t(lang, "users-no-country")}</option>
                {countries
                    .into_iter()
                    .map(|(iso2, name)| {
                        let selected = iso2 == country;
                        view! { <option value=iso2 selected=selected>{name.get(lang).to_owned()}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="new-language">{t(lang, "field-language")}</label>
            <FieldError state=state.clone() field="language"/>
            <select id="new-language" name="language" aria-invalid=state.invalid("language")>
                {Lang::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.code() selected=option.code() == language>
                                {option.endonym()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="new-password">{t(lang, "users-one-time-password")}</label>
            <FieldError state=state.clone() field="password"/>
            <input
                id="new-password"
                name="password"
                type="password"
                autocomplete="new-password"
                required
                minlength="12"
                maxlength="256"
                aria-invalid=state.invalid("password")
                aria-describedby=state.described_by("password")
            />
            <p class="muted">{t(lang, "users-one-time-password-help")}</p>
            <button type="submit">{t(lang, "users-create")}</button>
        </PageForm>
    }
}
