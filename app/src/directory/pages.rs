//! The directory's section of a country's page: the country's contacts in the network for every
//! signed-in user, and for the secretariat and the country's focal points the forms that add,
//! correct and remove them.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::rules::{INSTITUTION_MAX_CHARS, PHONE_MAX_CHARS};
use super::types::{Contact, ContactForm, ContactRow, DirectoryView};
use crate::accounts::rules::{EMAIL_MAX_CHARS, NAME_MAX_CHARS};
use crate::domain::{ContactLanguage, ContactRole};
use crate::error::{AppError, Problem};
use crate::forms::{no_targets, FieldError, FormState, PageForm, Refused, Saved};
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, Loading};

#[server(endpoint = "directory", input = GetUrl)]
pub async fn get_directory(iso2: String) -> Result<DirectoryView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    super::queries::directory(&crate::db::use_db()?, &viewer, &iso2).await
}

/// Adds a contact to the directory of `country` (its ISO code): the secretariat, or one of that
/// country's focal points.
#[server(endpoint = "directory/add")]
pub async fn add_contact(country: String, form: ContactForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let country = crate::domain::country_code(&country).ok_or(AppError::NotFound)?;
    super::service::add_contact(
        &crate::db::use_db()?,
        &viewer,
        &country,
        &form,
        chrono::Utc::now(),
    )
    .await?;
    crate::urls::redirect(&crate::urls::country_path_after(&country, "contact-added"));
    Ok(())
}

/// Corrects the contact `id` of a directory.
#[server(endpoint = "directory/update")]
pub async fn update_contact(id: i32, form: ContactForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let iso2 = super::service::update_contact(
        &crate::db::use_db()?,
        &viewer,
        id,
        &form,
        chrono::Utc::now(),
    )
    .await?;
    crate::urls::redirect(&crate::urls::country_path_after(&iso2, "contact-saved"));
    Ok(())
}

/// Removes the contact `id` from its country's directory.
#[server(endpoint = "directory/remove")]
pub async fn remove_contact(id: i32) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let iso2 =
        super::service::remove_contact(&crate::db::use_db()?, &viewer, id, chrono::Utc::now())
            .await?;
    crate::urls::redirect(&crate::urls::country_path_after(&iso2, "contact-removed"));
    Ok(())
}

/// The catalogue key of the notice of what was just done in a directory (the country page's `done`).
fn notice_key(done: &str) -> Option<&'static str> {
    match done {
        "contact-added" => Some("directory-contact-added"),
        "contact-saved" => Some("directory-contact-saved"),
        "contact-removed" => Some("directory-contact-removed"),
        _ => None,
    }
}

/// A country's directory, as the country's page shows it.
#[component]
pub fn DirectorySection(iso2: String, lang: Lang) -> impl IntoView {
    let data = Resource::new(move || iso2.clone(), get_directory);
    let notice = use_query_map()
        .read_untracked()
        .get("done")
        .and_then(|done| notice_key(&done));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |directory| view! { <Directory directory notice lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn Directory(directory: DirectoryView, notice: Option<&'static str>, lang: Lang) -> impl IntoView {
    let country = directory.country.get(lang).to_owned();
    // A form refused on this page says what went wrong: the notice of an earlier save would
    // contradict it.
    let notice = notice
        .filter(|_| use_context::<Refused>().is_none())
        .map(|key| view! { <Saved message=t(lang, key)/> });
    let listing = if directory.contacts.is_empty() {
        let invitation = directory
            .can_edit
            .then(|| format!(" {}", t(lang, "directory-empty-can-add")));
        view! {
            <p class="muted">
                {t_args(lang, "directory-empty", &[("country", country.clone().into())])}
                {invitation}
            </p>
        }
        .into_any()
    } else {
        view! { <ContactTable contacts=directory.contacts.clone() lang/> }.into_any()
    };
    let editor = directory
        .can_edit
        .then(|| view! { <DirectoryEditor directory=directory.clone() lang/> });
    view! {
        <section class="directory" aria-labelledby="directory-heading">
            <h2 id="directory-heading">{t(lang, "directory-heading")}</h2>
            <p>{t_args(lang, "directory-intro", &[("country", country.into())])}</p>
            {notice}
            {listing}
            {editor}
        </section>
    }
}

#[component]
fn ContactTable(contacts: Vec<ContactRow>, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="directory-heading">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "field-name")}</th>
                        <th scope="col">{t(lang, "directory-col-institution")}</th>
                        <th scope="col">{t(lang, "field-role")}</th>
                        <th scope="col">{t(lang, "directory-col-languages")}</th>
                        <th scope="col">{t(lang, "field-email")}</th>
                        <th scope="col">{t(lang, "directory-col-phone")}</th>
                    </tr>
                </thead>
                <tbody>
                    {contacts
                        .into_iter()
                        .map(|row| {
                            let contact = row.contact;
                            let languages = contact
                                .languages
                                .iter()
                                .map(|language| t(lang, language.label_key()))
                                .collect::<Vec<_>>()
                                .join(", ");
                            let email = contact.email.map(|email| {
                                let href = crate::urls::email_link(&email);
                                view! { <a href=href>{email}</a> }
                            });
                            let phone = contact.phone.map(|phone| {
                                let href = crate::urls::phone_link(&phone);
                                view! { <a href=href>{phone}</a> }
                            });
                            view! {
                                <tr>
                                    <th scope="row">{contact.name}</th>
                                    <td>{contact.institution}</td>
                                    <td>{t(lang, contact.role.label_key())}</td>
                                    <td>{languages}</td>
                                    <td>{email}</td>
                                    <td>{phone}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The fields of a contact's forms, as the rules name them.
const CONTACT_FIELDS: [&str; 6] = ["name", "institution", "role", "languages", "email", "phone"];

/// What the add form's elements are named by in their ids.
const NEW_CONTACT: &str = "new";

/// What the elements of the one edit form the server refused are named by in their ids, so that its
/// error summary (whose links are known before the form is) can link to them. Only one form is
/// refused at a time, so these ids stay unique on the page; the others use their contact's id.
const REFUSED_EDIT: &str = "edited";

/// The id of the element of `field` in the contact form `which`.
fn field_id(which: &str, field: &str) -> String {
    format!("contact-{which}-{field}")
}

fn contact_target(which: &str, problem: &Problem) -> Option<String> {
    CONTACT_FIELDS
        .contains(&problem.field.as_str())
        .then(|| field_id(which, &problem.field))
}

/// Where the add form's problems are.
fn new_contact_targets(problem: &Problem) -> Option<String> {
    contact_target(NEW_CONTACT, problem)
}

/// Where a refused edit form's problems are.
fn edited_contact_targets(problem: &Problem) -> Option<String> {
    contact_target(REFUSED_EDIT, problem)
}

/// The forms of those who keep the directory: correct or remove each contact, and add one.
#[component]
fn DirectoryEditor(directory: DirectoryView, lang: Lang) -> impl IntoView {
    let adding = FormState::new(AddContact::PATH);
    let editors = (!directory.contacts.is_empty()).then(|| {
        view! {
            <h3>{t(lang, "directory-edit-heading")}</h3>
            {directory
                .contacts
                .into_iter()
                .map(|row| view! { <ContactEditor row lang/> })
                .collect_view()}
        }
    });
    view! {
        {editors}
        <h3>{t(lang, "directory-add-heading")}</h3>
        <PageForm state=adding.clone() targets=new_contact_targets>
            <input type="hidden" name="country" value=directory.iso2/>
            <ContactFields state=adding which=NEW_CONTACT.to_owned() stored=None lang/>
            <button type="submit">{t(lang, "directory-add")}</button>
        </PageForm>
    }
}

/// The forms that correct and remove one contact, folded away until opened, or refused.
#[component]
fn ContactEditor(row: ContactRow, lang: Lang) -> impl IntoView {
    let ContactRow { id, contact } = row;
    let which = id.to_string();
    let editing = FormState::one_of(UpdateContact::PATH, &which);
    let removing = FormState::one_of(RemoveContact::PATH, &which);
    let open = editing.is_refused() || removing.is_refused();
    let ids = if editing.is_refused() {
        REFUSED_EDIT.to_owned()
    } else {
        which
    };
    let summary = t_args(
        lang,
        "directory-edit-summary",
        &[("name", contact.name.clone().into())],
    );
    view! {
        <details class="contact-editor" open=open>
            <summary>{summary}</summary>
            <PageForm state=editing.clone() targets=edited_contact_targets>
                <input type="hidden" name="id" value=id/>
                <ContactFields state=editing which=ids stored=Some(contact) lang/>
                <button type="submit">{t(lang, "directory-save")}</button>
            </PageForm>
            <PageForm state=removing targets=no_targets class="form form--inline">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button--secondary">{t(lang, "directory-remove")}</button>
            </PageForm>
        </details>
    }
}

/// A contact's fields, showing `stored` (nothing, for a new contact) or, when `state`'s form was
/// refused, what was typed. `which` names the form in its elements' ids.
#[component]
fn ContactFields(
    state: FormState,
    which: String,
    stored: Option<Contact>,
    lang: Lang,
) -> impl IntoView {
    let stored = stored.as_ref();
    let text = |field: &'static str, label: String, current: Option<String>| {
        view! {
            <ContactText
                state=state.clone()
                id=field_id(&which, field)
                field
                label
                current=current.unwrap_or_default()
            />
        }
    };
    let role = state.value(
        "form[role]",
        stored.map_or(ContactRole::FocalPoint, |c| c.role).code(),
    );
    let spoken = stored.map(|c| c.languages.clone()).unwrap_or_default();
    view! {
        {text("name", t(lang, "field-name"), stored.map(|c| c.name.clone()))}
        {text(
            "institution",
            t(lang, "directory-col-institution"),
            stored.map(|c| c.institution.clone()),
        )}
        <RoleChoice state=state.clone() id=field_id(&which, "role") chosen=role lang/>
        <LanguageChoices state=state.clone() id=field_id(&which, "languages") spoken lang/>
        {text(
            "email",
            t(lang, "directory-email-label"),
            stored.and_then(|c| c.email.clone()),
        )}
        <ContactText
            state=state.clone()
            id=field_id(&which, "phone")
            field="phone"
            label=t(lang, "directory-phone-label")
            current=stored.and_then(|c| c.phone.clone()).unwrap_or_default()
            hint=t(lang, "directory-phone-hint")
        />
    }
}

/// The input of the text `field` (`name`, `institution`, `email` or `phone`), showing `current` or
/// what a refused form sent, with `hint` below it if given.
#[component]
fn ContactText(
    state: FormState,
    id: String,
    field: &'static str,
    label: String,
    current: String,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let (kind, longest) = match field {
        "email" => ("email", EMAIL_MAX_CHARS),
        "phone" => ("tel", PHONE_MAX_CHARS),
        "institution" => ("text", INSTITUTION_MAX_CHARS),
        _ => ("text", NAME_MAX_CHARS),
    };
    // A contact can be listed before there is a way to reach them, never without who they are.
    let required = matches!(field, "name" | "institution");
    let name = format!("form[{field}]");
    let hint_id = format!("{id}-hint");
    let described_by = match (hint.is_some(), state.described_by(field)) {
        (true, Some(error)) => Some(format!("{hint_id} {error}")),
        (true, None) => Some(hint_id.clone()),
        (false, error) => error,
    };
    view! {
        <label for=id.clone()>{label}</label>
        <FieldError state=state.clone() field/>
        <input
            id=id
            name=name.clone()
            type=kind
            maxlength=longest.to_string()
            required=required
            value=state.value(&name, current)
            aria-invalid=state.invalid(field)
            aria-describedby=described_by
        />
        {hint.map(|hint| view! { <p id=hint_id class="muted">{hint}</p> })}
    }
}

/// A contact's role, `chosen` (its code) selected.
#[component]
fn RoleChoice(state: FormState, id: String, chosen: String, lang: Lang) -> impl IntoView {
    view! {
        <label for=id.clone()>{t(lang, "field-role")}</label>
        <FieldError state=state.clone() field="role"/>
        <select
            id=id
            name="form[role]"
            aria-invalid=state.invalid("role")
            aria-describedby=state.described_by("role")
        >
            {ContactRole::ALL
                .iter()
                .map(|option| {
                    view! {
                        <option value=option.code() selected=option.code() == chosen>
                            {t(lang, option.label_key())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// A box for each language a contact may speak, those `spoken` ticked (or, when `state`'s form was
/// refused, those it sent).
#[component]
fn LanguageChoices(
    state: FormState,
    id: String,
    spoken: Vec<ContactLanguage>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <fieldset
            id=id
            class="choices"
            aria-invalid=state.invalid("languages")
            aria-describedby=state.described_by("languages")
        >
            <legend>{t(lang, "directory-col-languages")}</legend>
            <FieldError state=state.clone() field="languages"/>
            {ContactLanguage::ALL
                .iter()
                .enumerate()
                .map(|(place, language)| {
                    // Each box its own name, so that what a refused form sent is found box by box.
                    let name = format!("form[languages][{place}]");
                    let ticked = if spoken.contains(language) { language.code() } else { "" };
                    let checked = state.value(&name, ticked) == language.code();
                    view! {
                        <label>
                            <input type="checkbox" name=name value=language.code() checked=checked/>
                            " "
                            {t(lang, language.label_key())}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
