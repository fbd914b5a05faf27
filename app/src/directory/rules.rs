//! What a contact of the directory must hold, checked before anything is stored, how its languages
//! are stored, and the order the directory lists contacts in. Pure. Each problem names the field of
//! the form it is about, so that its translated message shows beside that field.

use super::types::{Contact, ContactForm, ContactRow};
use crate::accounts::rules::{check_email, check_name};
use crate::domain::{ContactLanguage, ContactRole};
use crate::error::{AppError, Problem};
use crate::text::has_hidden_characters_in_line;

/// The longest name of an institution: a ministry's full name, with its department.
pub const INSTITUTION_MAX_CHARS: usize = 200;
/// The longest phone number, spacing and extension included.
pub const PHONE_MAX_CHARS: usize = 40;
/// The fewest digits a phone number holds: fewer is a slip of the keyboard, not a number.
const PHONE_MIN_DIGITS: usize = 4;

/// The contact `form` describes, or every problem with it at once.
pub fn check_contact(form: &ContactForm) -> Result<Contact, AppError> {
    let mut problems = Vec::new();
    let name = noted(check_name(&form.name), &mut problems);
    let institution = noted(check_institution(&form.institution), &mut problems);
    let role = noted(check_role(&form.role), &mut problems);
    let languages = noted(check_languages(&form.languages), &mut problems);
    let email = noted(check_optional_email(&form.email), &mut problems);
    let phone = noted(check_phone(&form.phone), &mut problems);
    match (name, institution, role, languages, email, phone) {
        (Some(name), Some(institution), Some(role), Some(languages), Some(email), Some(phone)) => {
            Ok(Contact {
                name,
                institution,
                role,
                languages,
                email,
                phone,
            })
        }
        _ => Err(AppError::Invalid(problems)),
    }
}

/// The value `checked` holds, or `None` with its problem added to `problems`.
fn noted<T>(checked: Result<T, Problem>, problems: &mut Vec<Problem>) -> Option<T> {
    checked.map_err(|problem| problems.push(problem)).ok()
}

/// The trimmed name of the institution, or why it cannot be one. Markup is not refused: pages
/// escape it.
pub fn check_institution(institution: &str) -> Result<String, Problem> {
    let institution = institution.trim();
    if institution.is_empty() {
        return Err(Problem::new("institution", "problem-institution-empty"));
    }
    if institution.chars().count() > INSTITUTION_MAX_CHARS {
        return Err(Problem::with_limit(
            "institution",
            "problem-institution-too-long",
            INSTITUTION_MAX_CHARS as u32,
        ));
    }
    if has_hidden_characters_in_line(institution) {
        return Err(Problem::new("institution", "problem-institution-control"));
    }
    Ok(institution.to_owned())
}

/// The role whose code is `code`: focal point or liaison officer.
pub fn check_role(code: &str) -> Result<ContactRole, Problem> {
    ContactRole::from_code(code.trim()).ok_or_else(|| Problem::new("role", "problem-contact-role"))
}

/// The languages whose codes were ticked, each once and in the vocabulary's order: at least one,
/// and every code one of the four.
pub fn check_languages(codes: &[String]) -> Result<Vec<ContactLanguage>, Problem> {
    let refused = || Problem::new("languages", "problem-contact-languages");
    let ticked = codes
        .iter()
        .map(|code| ContactLanguage::from_code(code.trim()).ok_or_else(refused))
        .collect::<Result<Vec<_>, _>>()?;
    let languages: Vec<ContactLanguage> = ContactLanguage::ALL
        .iter()
        .copied()
        .filter(|language| ticked.contains(language))
        .collect();
    if languages.is_empty() {
        return Err(refused());
    }
    Ok(languages)
}

/// The normalised address, `None` when none is given, or why it cannot be one.
pub fn check_optional_email(email: &str) -> Result<Option<String>, Problem> {
    if email.trim().is_empty() {
        Ok(None)
    } else {
        check_email(email).map(Some)
    }
}

/// The trimmed phone number, `None` when none is given, or why it cannot be one: digits, with only
/// spaces and `+ - ( ) .` among them, and `ext` once before an extension (`+506 2222-3333 ext. 12`).
pub fn check_phone(phone: &str) -> Result<Option<String>, Problem> {
    let phone = phone.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    if phone.chars().count() > PHONE_MAX_CHARS {
        return Err(Problem::with_limit(
            "phone",
            "problem-phone-too-long",
            PHONE_MAX_CHARS as u32,
        ));
    }
    let without_extension_word = phone.to_ascii_lowercase().replacen("ext", "", 1);
    let only_allowed = without_extension_word
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = without_extension_word
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if !only_allowed || digits < PHONE_MIN_DIGITS {
        return Err(Problem::new("phone", "problem-phone-invalid"));
    }
    Ok(Some(phone.to_owned()))
}

/// The languages as the database keeps them: codes separated by commas (`en,es`).
pub fn stored_languages(languages: &[ContactLanguage]) -> String {
    languages
        .iter()
        .map(|language| language.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// The languages `stored_languages` wrote; `None` if a code is not one of the four.
pub fn read_languages(stored: &str) -> Option<Vec<ContactLanguage>> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(ContactLanguage::from_code)
        .collect()
}

/// Puts contacts in the directory's order: focal points first, then liaison officers (the
/// vocabulary's order), each by name.
pub fn sort_for_listing(contacts: &mut [ContactRow]) {
    contacts.sort_by_cached_key(|row| {
        let rank = ContactRole::ALL
            .iter()
            .position(|role| *role == row.contact.role);
        (rank, name_sort_key(&row.contact.name))
    });
}

/// A name as the directory sorts it: in lower case, the accents of Spanish, Portuguese and French
/// letters set aside, so that "Álvaro" comes before "Beatriz" as readers expect.
fn name_sort_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ContactForm {
        ContactForm {
            name: "  Ana Mora ".into(),
            institution: " Dirección General de Migración y Extranjería ".into(),
            role: "focal_point".into(),
            languages: vec!["pt".into(), "es".into(), "es".into()],
            email: " Ana.Mora@Migracion.go.cr ".into(),
            phone: " +506 2299-8100 ext. 12 ".into(),
        }
    }

    fn problems(form: &ContactForm) -> Vec<(String, String)> {
        match check_contact(form) {
            Err(AppError::Invalid(problems)) => problems
                .into_iter()
                .map(|problem| (problem.field, problem.key))
                .collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    fn problem(field: &str, key: &str) -> (String, String) {
        (field.to_owned(), key.to_owned())
    }

    #[test]
    fn a_complete_contact_is_trimmed_and_its_languages_put_in_order() {
        let contact = check_contact(&form()).unwrap();
        assert_eq!(
            contact,
            Contact {
                name: "Ana Mora".into(),
                institution: "Dirección General de Migración y Extranjería".into(),
                role: ContactRole::FocalPoint,
                languages: vec![ContactLanguage::Es, ContactLanguage::Pt],
                email: Some("ana.mora@migracion.go.cr".into()),
                phone: Some("+506 2299-8100 ext. 12".into()),
            }
        );
        let without_means = ContactForm {
            email: "  ".into(),
            phone: String::new(),
            ..form()
        };
        let contact = check_contact(&without_means).unwrap();
        assert_eq!((contact.email, contact.phone), (None, None));
    }

    #[test]
    fn every_problem_is_named_at_once_beside_its_field() {
        let wrong = ContactForm {
            name: "   ".into(),
            institution: "Ministerio\u{202E}".into(),
            role: "chief".into(),
            languages: Vec::new(),
            email: "ana@".into(),
            phone: "call me".into(),
        };
        assert_eq!(
            problems(&wrong),
            [
                problem("name", "problem-name-empty"),
                problem("institution", "problem-institution-control"),
                problem("role", "problem-contact-role"),
                problem("languages", "problem-contact-languages"),
                problem("email", "problem-email-invalid"),
                problem("phone", "problem-phone-invalid"),
            ]
        );
    }

    #[test]
    fn names_and_institutions_are_required_bounded_and_visible() {
        assert_eq!(
            check_institution("").unwrap_err().key,
            "problem-institution-empty"
        );
        let long = check_institution(&"ñ".repeat(INSTITUTION_MAX_CHARS + 1)).unwrap_err();
        assert_eq!(
            (long.key.as_str(), long.limit),
            ("problem-institution-too-long", Some(200))
        );
        assert!(check_institution(&"ñ".repeat(INSTITUTION_MAX_CHARS)).is_ok());
        assert_eq!(
            check_institution("Ministerio\nde Seguridad")
                .unwrap_err()
                .key,
            "problem-institution-control"
        );
        let hidden_name = ContactForm {
            name: "Ana\u{0007}".into(),
            ..form()
        };
        assert_eq!(
            problems(&hidden_name),
            [problem("name", "problem-name-control")]
        );
    }

    #[test]
    fn a_contact_speaks_at_least_one_of_the_four_languages() {
        let codes = |codes: &[&str]| codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            check_languages(&codes(&["fr", " en "])).unwrap(),
            [ContactLanguage::En, ContactLanguage::Fr]
        );
        for wrong in [codes(&[]), codes(&["de"]), codes(&["es", "<b>es</b>"])] {
            assert_eq!(
                check_languages(&wrong).unwrap_err().key,
                "problem-contact-languages",
                "{wrong:?}"
            );
        }
        let spoken = [ContactLanguage::Es, ContactLanguage::En];
        assert_eq!(stored_languages(&spoken), "es,en");
        assert_eq!(read_languages("es,en"), Some(spoken.to_vec()));
        assert_eq!(read_languages("es,xx"), None);
    }

    #[test]
    fn a_phone_number_is_digits_with_a_few_separators_and_an_extension() {
        for good in [
            "+506 2299-8100",
            "(502) 2411.2411",
            "+1 613 555 0100 Ext 4",
            "22998100 ext.12",
        ] {
            assert_eq!(check_phone(good).unwrap().as_deref(), Some(good), "{good}");
        }
        assert_eq!(check_phone("   ").unwrap(), None);
        for bad in [
            "call me",
            "2299-8100 x12",
            "123",
            "+506 2299\u{202E}8100",
            "2299 ext 1 ext 2",
            "+506 ２２９９ 8100",
        ] {
            assert_eq!(
                check_phone(bad).unwrap_err().key,
                "problem-phone-invalid",
                "{bad:?}"
            );
        }
        let long = check_phone(&"1".repeat(PHONE_MAX_CHARS + 1)).unwrap_err();
        assert_eq!(
            (long.key.as_str(), long.limit),
            ("problem-phone-too-long", Some(40))
        );
    }

    #[test]
    fn focal_points_are_listed_first_then_liaison_officers_each_by_name() {
        let row = |id: i32, name: &str, role: ContactRole| ContactRow {
            id,
            contact: Contact {
                name: name.into(),
                institution: "Cancillería".into(),
                role,
                languages: vec![ContactLanguage::Es],
                email: None,
                phone: None,
            },
        };
        let mut contacts = vec![
            row(1, "Zoila", ContactRole::LiaisonOfficer),
            row(2, "beatriz", ContactRole::FocalPoint),
            row(3, "Álvaro", ContactRole::LiaisonOfficer),
            row(4, "Andrés", ContactRole::FocalPoint),
            row(5, "Carlos", ContactRole::LiaisonOfficer),
        ];
        sort_for_listing(&mut contacts);
        let order: Vec<i32> = contacts.iter().map(|row| row.id).collect();
        assert_eq!(order, [4, 2, 3, 5, 1]);
    }
}
