//! Forms, the same with and without JavaScript: every form posts to its own page's address, naming
//! the server function that saves it (`PageForm`). The server runs that function; when it saves,
//! the browser is sent on (to the address the function names, or back to the page); when it
//! refuses, the server renders the page again with the refusal in context (`Refused`), and the
//! form shows everything the user typed, an error summary at its top that takes focus and links to
//! each field, and each field marked invalid with its message beside it (the pattern of the GOV.UK
//! Design System).

use leptos::prelude::*;

use crate::error::{AppError, Problem};
use crate::i18n::{t, use_lang, Lang};

pub use crate::error::FORM_FIELD;

/// Hands the browser `cookie` with the response of the current server function.
#[cfg(feature = "ssr")]
pub fn set_cookie(cookie: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(feature = "ssr")]
pub fn request_is_https() -> bool {
    use_context::<http::request::Parts>()
        .is_some_and(|parts| crate::accounts::sessions::is_https(&parts))
}

/// The bytes of a file a form sent (`server/src/forms.rs` sends them in base64); empty when no
/// file was chosen.
#[cfg(feature = "ssr")]
pub fn file_bytes(field: &str, sent: &str) -> Result<Vec<u8>, AppError> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sent.trim().trim_end_matches('='))
        .map_err(|_| Problem::new(field, "problem-file-unreadable").into())
}

/// The text of a file a form sent, refused in the reader's language when it is not UTF-8.
#[cfg(feature = "ssr")]
pub fn file_text(field: &str, sent: &str) -> Result<String, AppError> {
    String::from_utf8(file_bytes(field, sent)?)
        .map_err(|_| Problem::new(field, "problem-file-not-text").into())
}

/// A form the server refused, in the context of the page rendered again in answer: which form,
/// what it sent (passwords left out) and why it was refused. A refusal whose form the page no
/// longer shows (what it would change moved on since the page was loaded) has no `form`: the
/// page says it at its top (`UnshownRefusal`).
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub form: String,
    pub fields: Vec<(String, String)>,
    pub error: AppError,
}

impl Refused {
    /// The refusal as a page without its form shows it.
    pub fn without_form(self) -> Refused {
        Refused {
            form: String::new(),
            ..self
        }
    }

    /// What a refused form sent that the page may show again: never a password.
    pub fn shown_again(fields: Vec<(String, String)>) -> Vec<(String, String)> {
        fields
            .into_iter()
            .filter(|(name, _)| name != FORM_FIELD && !name.contains("password"))
            .collect()
    }
}

/// One form of the page being rendered, and its refusal if it is the form the server refused.
#[derive(Clone, Debug)]
pub struct FormState {
    form: String,
    refused: Option<Refused>,
}

impl FormState {
    /// The form that posts to the server function at `path`.
    pub fn new(path: &str) -> FormState {
        FormState::named(path, None)
    }

    /// One of several forms of the page that post to the server function at `path`.
    pub fn one_of(path: &str, which: &str) -> FormState {
        FormState::named(path, Some(which))
    }

    fn named(path: &str, which: Option<&str>) -> FormState {
        let form = match which {
            Some(which) => format!("{path}#{which}"),
            None => path.to_owned(),
        };
        let refused = use_context::<Refused>().filter(|refused| refused.form == form);
        FormState { form, refused }
    }

    /// Whether the server refused this form.
    pub fn is_refused(&self) -> bool {
        self.refused.is_some()
    }

    /// Whether the server refused this form because someone else saved the record meanwhile: the
    /// form then carries the stored version, so that saving again (having seen what changed)
    /// goes through.
    pub fn is_conflict(&self) -> bool {
        self.refused
            .as_ref()
            .is_some_and(|refused| matches!(refused.error, AppError::Conflict(_)))
    }

    /// What the field `name` shows: what the user sent if the form was refused, else `stored`.
    pub fn value(&self, name: &str, stored: impl Into<String>) -> String {
        self.sent(name).unwrap_or_else(|| stored.into())
    }

    /// What the user sent in the field `name`, if this form was refused.
    fn sent(&self, name: &str) -> Option<String> {
        let refused = self.refused.as_ref()?;
        Some(
            refused
                .fields
                .iter()
                .find(|(field, _)| field == name)
                .map(|(_, value)| value.clone())
                .unwrap_or_default(),
        )
    }

    /// The messages of the problems with `field` (a problem's field, as the rules name it), of the
    /// repeated part `subject` where the form repeats fields (an indicator's code).
    fn messages(&self, field: &str, subject: Option<&str>, lang: Lang) -> Vec<String> {
        match self.refused.as_ref().map(|refused| &refused.error) {
            Some(AppError::Invalid(problems)) => problems
                .iter()
                .filter(|problem| {
                    problem.field == field
                        && subject.is_none_or(|subject| problem.subject.as_deref() == Some(subject))
                })
                .map(|problem| problem.message(lang))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `aria-invalid` of the element for `field`.
    pub fn invalid(&self, field: &str) -> Option<&'static str> {
        self.invalid_about(field, None)
    }

    /// `aria-invalid` of the element for `field` of the repeated part `subject`.
    pub fn invalid_about(&self, field: &str, subject: Option<&str>) -> Option<&'static str> {
        (!self.messages(field, subject, Lang::En).is_empty()).then_some("true")
    }

    /// The id of the message beside the element for `field`, for its `aria-describedby`.
    pub fn described_by(&self, field: &str) -> Option<String> {
        self.described_by_about(field, None)
    }

    /// The id of the message beside the element for `field` of the repeated part `subject`.
    pub fn described_by_about(&self, field: &str, subject: Option<&str>) -> Option<String> {
        self.invalid_about(field, subject)
            .map(|_| self.message_id(field, subject))
    }

    fn message_id(&self, field: &str, subject: Option<&str>) -> String {
        let id: String = format!("{}-{field}-{}", self.form, subject.unwrap_or_default())
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("error{}", id.trim_end_matches('-'))
    }
}

/// Where the error summary links a problem to: the id of its field's element, if it has one.
pub type Targets = fn(&Problem) -> Option<String>;

/// The targets of a form without fields of its own to link to (a button with hidden fields).
pub fn no_targets(_: &Problem) -> Option<String> {
    None
}

/// A form of the page: posts to the page's own address (with the query it has, such as the year
/// shown), naming its server function in `FORM_FIELD`.
#[component]
pub fn PageForm(
    state: FormState,
    /// Where each problem's field is: the error summary links there.
    targets: Targets,
    #[prop(optional, into)] class: String,
    /// Whether it sends a file (multipart): the server reads the file's text as the field's value.
    #[prop(optional)]
    sends_files: bool,
    children: Children,
) -> impl IntoView {
    let form = state.form.clone();
    let class = if class.is_empty() {
        "form".to_owned()
    } else {
        class
    };
    view! {
        <form method="post" class=class enctype=sends_files.then_some("multipart/form-data")>
            <input type="hidden" name=FORM_FIELD value=form/>
            <ErrorSummary state targets/>
            {children()}
        </form>
    }
}

/// What was wrong with a refused form, at its top: it takes focus when the page loads (with or
/// without JavaScript, `autofocus`), is announced, and links each problem to its field.
#[component]
fn ErrorSummary(state: FormState, targets: Targets) -> impl IntoView {
    let lang = use_lang();
    let refused = state.refused?;
    let problems: Vec<(Option<String>, String)> = match &refused.error {
        AppError::Invalid(problems) => problems
            .iter()
            .map(|problem| (targets(problem), problem.message(lang)))
            .collect(),
        other => vec![(None, other.message(lang))],
    };
    Some(view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus>
            <h2 class="error-summary__title">{refused.error.title(lang)}</h2>
            <ul>
                {problems
                    .into_iter()
                    .map(|(target, message)| match target {
                        Some(id) => view! { <li><a href=format!("#{id}")>{message}</a></li> }.into_any(),
                        None => view! { <li>{message}</li> }.into_any(),
                    })
                    .collect_view()}
            </ul>
        </div>
    })
}

/// That a form was saved, at the top of the page the browser was sent back to: it takes focus, so
/// that a screen reader announces it and the keyboard goes on from there.
#[component]
pub fn Saved(message: String) -> impl IntoView {
    view! { <p class="form-saved" role="status" tabindex="-1" autofocus>{message}</p> }
}

/// A refusal whose form the page does not show, at the top of the page.
#[component]
pub fn UnshownRefusal() -> impl IntoView {
    let refused = use_context::<Refused>().filter(|refused| refused.form.is_empty())?;
    let state = FormState {
        form: String::new(),
        refused: Some(refused),
    };
    Some(view! { <ErrorSummary state targets=no_targets/> })
}

/// The message beside the element for `field` (of the repeated part `subject`, where the form
/// repeats fields) of a refused form, if the field has problems.
#[component]
pub fn FieldError(
    state: FormState,
    field: &'static str,
    #[prop(optional, into)] subject: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let messages = state.messages(field, subject.as_deref(), lang);
    (!messages.is_empty()).then(|| {
        view! {
            <p class="field-error" id=state.message_id(field, subject.as_deref())>
                <span class="visually-hidden">{t(lang, "field-error-prefix")} " "</span>
                {messages.join(" ")}
            </p>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_state(form: &str, which: Option<&str>) -> FormState {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(Refused {
                form: "/api/actions/update".into(),
                fields: vec![
                    ("update[narrative_en]".into(), "typed <b>text</b>".into()),
                    ("update[status]".into(), "completed".into()),
                ],
                error: AppError::Invalid(vec![Problem::new(
                    "narrative",
                    "problem-narrative-control",
                )]),
            });
            FormState::named(form, which)
        })
    }

    #[test]
    fn the_refused_form_shows_what_was_sent_and_others_their_stored_values() {
        let refused = refused_state("/api/actions/update", None);
        assert!(refused.is_refused());
        assert_eq!(
            refused.value("update[narrative_en]", "stored"),
            "typed <b>text</b>"
        );
        // A field the browser did not send (an unticked box) shows empty, not the stored value.
        assert_eq!(refused.value("update[comment]", "stored"), "");
        assert_eq!(refused.invalid("narrative"), Some("true"));
        assert_eq!(refused.invalid("status"), None);
        assert_eq!(
            refused.described_by("narrative").as_deref(),
            Some("error-api-actions-update-narrative")
        );

        let other = refused_state("/api/actions/comment", None);
        assert!(!other.is_refused());
        assert_eq!(other.value("update[narrative_en]", "stored"), "stored");
        assert_eq!(other.invalid("narrative"), None);

        let another_instance = refused_state("/api/actions/update", Some("second"));
        assert!(!another_instance.is_refused());
    }

    #[test]
    fn passwords_and_the_forms_name_are_not_shown_again() {
        let shown = Refused::shown_again(vec![
            (FORM_FIELD.into(), "/api/account/password".into()),
            ("current_password".into(), "secret".into()),
            ("new_password".into(), "secret".into()),
            ("email".into(), "rosa@example.org".into()),
        ]);
        assert_eq!(
            shown,
            vec![("email".to_owned(), "rosa@example.org".to_owned())]
        );
    }
}
