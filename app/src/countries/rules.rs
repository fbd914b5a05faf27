//! What a country the secretariat adds must hold: its ISO 3166 codes (two and three letters, stored
//! in capitals), its name in English and in Spanish, its membership and its working language. Pure;
//! that no other country has its codes is the service's to check.

use super::types::{CountryForm, NewCountry};
use crate::domain::{Bilingual, Membership};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::text::has_hidden_characters_in_line;

/// The longest name of a country ("Saint Vincent and the Grenadines" has 32 characters).
pub const COUNTRY_NAME_MAX_CHARS: usize = 120;

/// The country `form` describes, or every problem with it at once.
pub fn check_new_country(form: &CountryForm) -> Result<NewCountry, AppError> {
    let mut problems = Vec::new();
    let iso2 = iso_code(&form.iso2, 2);
    if iso2.is_none() {
        problems.push(Problem::new("iso2", "problem-country-iso2"));
    }
    let iso3 = iso_code(&form.iso3, 3);
    if iso3.is_none() {
        problems.push(Problem::new("iso3", "problem-country-iso3"));
    }
    let name_en = country_name(&form.name_en);
    if name_en.is_none() {
        problems.push(Problem::with_limit(
            "name_en",
            "problem-country-name-en",
            COUNTRY_NAME_MAX_CHARS as u32,
        ));
    }
    let name_es = country_name(&form.name_es);
    if name_es.is_none() {
        problems.push(Problem::with_limit(
            "name_es",
            "problem-country-name-es",
            COUNTRY_NAME_MAX_CHARS as u32,
        ));
    }
    let membership = Membership::from_code(form.membership.trim());
    if membership.is_none() {
        problems.push(Problem::new("membership", "problem-membership-invalid"));
    }
    let language = Lang::ALL
        .into_iter()
        .find(|lang| lang.code() == form.language.trim());
    if language.is_none() {
        problems.push(Problem::new("language", "problem-language-invalid"));
    }
    match (iso2, iso3, name_en, name_es, membership, language) {
        (
            Some(iso2),
            Some(iso3),
            Some(name_en),
            Some(name_es),
            Some(membership),
            Some(language),
        ) => Ok(NewCountry {
            iso2,
            iso3,
            name: Bilingual::new(name_en, name_es),
            membership,
            language,
        }),
        _ => Err(AppError::Invalid(problems)),
    }
}

/// An ISO 3166 code of `letters` letters from A to Z, in capitals whatever case it was typed in.
fn iso_code(text: &str, letters: usize) -> Option<String> {
    let code = text.trim().to_ascii_uppercase();
    (code.len() == letters && code.bytes().all(|byte| byte.is_ascii_uppercase())).then_some(code)
}

/// The trimmed name: not empty, not too long, all of it visible.
fn country_name(text: &str) -> Option<String> {
    let name = text.trim();
    let fits = !name.is_empty() && name.chars().count() <= COUNTRY_NAME_MAX_CHARS;
    (fits && !has_hidden_characters_in_line(name)).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CountryForm {
        CountryForm {
            iso2: " br ".into(),
            iso3: "Bra".into(),
            name_en: " Brazil ".into(),
            name_es: "Brasil".into(),
            membership: "observer".into(),
            language: "es".into(),
        }
    }

    fn problem_fields(form: &CountryForm) -> Vec<(String, String)> {
        match check_new_country(form) {
            Err(AppError::Invalid(problems)) => problems
                .into_iter()
                .map(|problem| (problem.field, problem.key))
                .collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn a_country_is_stored_with_its_codes_in_capitals_and_its_names_trimmed() {
        assert_eq!(
            check_new_country(&form()).unwrap(),
            NewCountry {
                iso2: "BR".into(),
                iso3: "BRA".into(),
                name: Bilingual::new("Brazil", "Brasil"),
                membership: Membership::Observer,
                language: Lang::Es,
            }
        );
    }

    #[test]
    fn codes_are_letters_of_their_length_only() {
        for (iso2, iso3) in [
            ("B", "BR"),
            ("BRA", "BRAZ"),
            ("B1", "BR4"),
            ("", ""),
            ("É", "ÉÉ"),
            ("B\u{0000}", "B R"),
        ] {
            let wrong = CountryForm {
                iso2: iso2.into(),
                iso3: iso3.into(),
                ..form()
            };
            assert_eq!(
                problem_fields(&wrong),
                [
                    ("iso2".to_owned(), "problem-country-iso2".to_owned()),
                    ("iso3".to_owned(), "problem-country-iso3".to_owned()),
                ],
                "{iso2:?} {iso3:?}"
            );
        }
    }

    #[test]
    fn every_other_problem_is_named_beside_its_field() {
        let wrong = CountryForm {
            name_en: "   ".into(),
            name_es: "Bra\u{202E}sil".into(),
            membership: "guest".into(),
            language: "pt".into(),
            ..form()
        };
        assert_eq!(
            problem_fields(&wrong),
            [
                ("name_en".to_owned(), "problem-country-name-en".to_owned()),
                ("name_es".to_owned(), "problem-country-name-es".to_owned()),
                (
                    "membership".to_owned(),
                    "problem-membership-invalid".to_owned()
                ),
                ("language".to_owned(), "problem-language-invalid".to_owned()),
            ]
        );
        let long = CountryForm {
            name_en: "ñ".repeat(COUNTRY_NAME_MAX_CHARS + 1),
            ..form()
        };
        assert_eq!(
            problem_fields(&long),
            [("name_en".to_owned(), "problem-country-name-en".to_owned())]
        );
    }
}
