//! The secretariat's users page: every account, a form to create one, and per user the buttons to
//! deactivate or reactivate it and to set a one-time password.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;

use crate::accounts::types::{UserRow, UsersData};
use crate::domain::{Bilingual, Role};
use crate::error::AppError;
use crate::i18n::{t, Lang};
use crate::layout::{page_or_error, use_lang, FormError, Loading};

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
    let create = ServerAction::<CreateUser>::new();
    let activate = ServerAction::<SetUserActive>::new();
    let reset = ServerAction::<SetOneTimePassword>::new();
    let users = Resource::new(
        move || {
            (
                create.version().get(),
                activate.version().get(),
                reset.version().get(),
            )
        },
        |_| get_users(),
    );
    view! {
        <Title text=t(lang, "users-title")/>
        <h1>{t(lang, "users-title")}</h1>
        <p class="lead">{t(lang, "users-intro")}</p>
        <FormError action=activate/>
        <FormError action=reset/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    users.await,
                    move |data| {
                        let countries = data.countries.clone();
                        view! {
                            <UserTable users=data.users activate reset lang/>
                            <section aria-labelledby="new-user-heading">
                                <h2 id="new-user-heading">{t(lang, "users-new-heading")}</h2>
                                <FormError action=create/>
                                <NewUserForm create countries lang/>
                            </section>
                        }
                    },
                )
            })}
        </Suspense>
    }
}

#[component]
fn UserTable(
    users: Vec<UserRow>,
    activate: ServerAction<SetUserActive>,
    reset: ServerAction<SetOneTimePassword>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
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
                            view! {
                                <tr>
                                    <th scope="row">{user.name.clone()}</th>
                                    <td>{user.email.clone()}</td>
                                    <td>{t(lang, user.role.label_key())}</td>
                                    <td>{user.country.clone().unwrap_or_default()}</td>
                                    <td>{user.language.endonym()}</td>
                                    <td>{state}</td>
                                    <td class="row-actions">
                                        <ActionForm action=activate attr:class="form form--inline">
                                            <input type="hidden" name="user_id" value=user.id/>
                                            <input
                                                type="hidden"
                                                name="active"
                                                value=if user.active { "false" } else { "true" }
                                            />
                                            <button type="submit">{toggle_label}</button>
                                        </ActionForm>
                                        <ActionForm action=reset attr:class="form form--inline">
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
                                            />
                                            <button type="submit">{t(lang, "users-set-password")}</button>
                                        </ActionForm>
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

#[component]
fn NewUserForm(
    create: ServerAction<CreateUser>,
    countries: Vec<(String, Bilingual)>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <ActionForm action=create attr:class="form">
            <label for="new-email">{t(lang, "field-email")}</label>
            <input id="new-email" name="email" type="email" required maxlength="254"/>
            <label for="new-name">{t(lang, "field-name")}</label>
            <input id="new-name" name="name" type="text" required maxlength="120"/>
            <label for="new-role">{t(lang, "field-role")}</label>
            <select id="new-role" name="role">
                {Role::ALL
                    .iter()
                    .map(|role| view! { <option value=role.code()>{t(lang, role.label_key())}</option> })
                    .collect_view()}
            </select>
            <label for="new-country">{t(lang, "field-country-focal")}</label>
            <select id="new-country" name="country">
                <option value="">{t(lang, "users-no-country")}</option>
                {countries
                    .into_iter()
                    .map(|(iso2, name)| view! { <option value=iso2>{name.get(lang).to_owned()}</option> })
                    .collect_view()}
            </select>
            <label for="new-language">{t(lang, "field-language")}</label>
            <select id="new-language" name="language">
                {Lang::ALL
                    .into_iter()
                    .map(|option| view! { <option value=option.code()>{option.endonym()}</option> })
                    .collect_view()}
            </select>
            <label for="new-password">{t(lang, "users-one-time-password")}</label>
            <input
                id="new-password"
                name="password"
                type="password"
                autocomplete="new-password"
                required
                minlength="12"
                maxlength="256"
            />
            <p class="muted">{t(lang, "users-one-time-password-help")}</p>
            <button type="submit">{t(lang, "users-create")}</button>
        </ActionForm>
    }
}
