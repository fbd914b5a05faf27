//! The reference data shipped with Enlace (`migrations/reference/*.csv`): RCM countries, the articles of
//! the Protocol against the Smuggling of Migrants by Land, Sea and Air, its compliance indicators, and
//! the provisions whose national legislation the countries compare.
//! The files are compiled in, so the binary never reads them from disk.

use serde::Deserialize;

const COUNTRIES: &str = include_str!("../reference/countries.csv");
const PROTOCOL_ARTICLES: &str = include_str!("../reference/protocol_articles.csv");
const INDICATORS: &str = include_str!("../reference/indicators.csv");
const LEGISLATION_PROVISIONS: &str = include_str!("../reference/legislation_provisions.csv");

/// The plan file of the RCM regional work plan against migrant smuggling 2025–2029, loaded into a
/// database that has no plan yet.
pub const DEFAULT_PLAN_FILE: &str = "plan-rcm-2025-2029.toml";
/// The `code` written in that file; the demonstration data is generated for this plan.
pub const DEFAULT_PLAN_CODE: &str = "rcm-smuggling-2025";
pub const DEFAULT_PLAN: &str = include_str!("../reference/plan-rcm-2025-2029.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct CountryRecord {
    pub iso2: String,
    pub iso3: String,
    pub name_en: String,
    pub name_es: String,
    pub membership: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ArticleRecord {
    pub article: i32,
    pub chapter: String,
    pub title_en: String,
    pub title_es: String,
    pub assessable: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IndicatorRecord {
    pub code: String,
    pub article: i32,
    pub provision: String,
    pub name_en: String,
    pub name_es: String,
    pub kind: String,
    pub direction: String,
    pub basis: String,
}

/// A provision whose legislation countries compare: of the Smuggling Protocol, or a related
/// offence the Network covers.
#[derive(Debug, Clone, Deserialize)]
pub struct ProvisionRecord {
    pub code: String,
    /// `criminalization`, `aggravation`, `protection`, `sea`, `border` or `related`.
    pub group: String,
    pub instrument: String,
    pub article: String,
    pub name_en: String,
    pub name_es: String,
    pub question_en: String,
    pub question_es: String,
}

/// The groups of provisions, in the order the matrix shows them.
pub const PROVISION_GROUPS: [&str; 6] = [
    "criminalization",
    "aggravation",
    "protection",
    "sea",
    "border",
    "related",
];

/// A reference file that does not parse: which file, which line, and what is wrong.
#[derive(Debug)]
pub struct ReferenceError {
    pub file: &'static str,
    pub line: u64,
    pub message: String,
}

impl std::error::Error for ReferenceError {}

impl std::fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, line {}: {}", self.file, self.line, self.message)
    }
}

fn parse<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
    check: impl Fn(&T) -> Result<(), String>,
) -> Result<Vec<T>, ReferenceError> {
    let error = |line: u64, message: String| ReferenceError {
        file,
        line,
        message,
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| error(1, e.to_string()))?
        .clone();
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| error(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = row.position().map_or(0, |p| p.line());
        let record: T = row
            .deserialize(Some(&headers))
            .map_err(|e| error(line, describe(&e, &headers)))?;
        check(&record).map_err(|message| error(line, message))?;
        records.push(record);
    }
    Ok(records)
}

/// A CSV error in words, naming the column at fault when there is one.
fn describe(error: &csv::Error, headers: &csv::StringRecord) -> String {
    if let csv::ErrorKind::Deserialize { err, .. } = error.kind() {
        let column = err
            .field()
            .and_then(|index| headers.get(usize::try_from(index).ok()?));
        if let Some(column) = column {
            return format!("{column}: {}", err.kind());
        }
    }
    error.to_string()
}

fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{field} is '{value}', expected one of: {}",
            allowed.join(", ")
        ))
    }
}

pub fn countries() -> Result<Vec<CountryRecord>, ReferenceError> {
    parse("countries.csv", COUNTRIES, |c: &CountryRecord| {
        if c.iso2.len() != 2 || c.iso3.len() != 3 {
            return Err(format!(
                "iso2/iso3 '{}'/'{}' have the wrong length",
                c.iso2, c.iso3
            ));
        }
        one_of("membership", &c.membership, &["member", "observer"])
    })
}

pub fn protocol_articles() -> Result<Vec<ArticleRecord>, ReferenceError> {
    parse(
        "protocol_articles.csv",
        PROTOCOL_ARTICLES,
        |_: &ArticleRecord| Ok(()),
    )
}

pub fn indicators() -> Result<Vec<IndicatorRecord>, ReferenceError> {
    parse("indicators.csv", INDICATORS, |i: &IndicatorRecord| {
        one_of(
            "kind",
            &i.kind,
            &["yes_no", "count", "percentage", "number", "scale_0_4"],
        )?;
        one_of("direction", &i.direction, &["higher", "lower"])?;
        one_of("basis", &i.basis, &["protocol_text", "composed"])
    })
}

pub fn legislation_provisions() -> Result<Vec<ProvisionRecord>, ReferenceError> {
    let provisions = parse(
        "legislation_provisions.csv",
        LEGISLATION_PROVISIONS,
        check_provision,
    )?;
    let mut seen = std::collections::HashSet::new();
    for (index, provision) in provisions.iter().enumerate() {
        if !seen.insert(provision.code.as_str()) {
            return Err(ReferenceError {
                file: "legislation_provisions.csv",
                line: index as u64 + 2,
                message: format!("code '{}' is repeated", provision.code),
            });
        }
    }
    Ok(provisions)
}

fn check_provision(provision: &ProvisionRecord) -> Result<(), String> {
    one_of("group", &provision.group, &PROVISION_GROUPS)?;
    let code_is_plain = provision
        .code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if provision.code.is_empty() || !code_is_plain {
        return Err(format!(
            "code '{}' must be capital letters, digits and hyphens",
            provision.code
        ));
    }
    let texts = [
        ("name_en", &provision.name_en),
        ("name_es", &provision.name_es),
        ("question_en", &provision.question_en),
        ("question_es", &provision.question_es),
    ];
    for (field, text) in texts {
        if text.trim().is_empty() {
            return Err(format!("{field} is empty"));
        }
    }
    if !provision.question_en.ends_with('?') || !provision.question_es.ends_with('?') {
        return Err("a question ends with a question mark".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provisions_to_compare_cover_the_protocol_and_the_related_offences() {
        let provisions = legislation_provisions().unwrap();
        let articles: Vec<&str> = provisions
            .iter()
            .filter(|p| p.instrument == "Smuggling Protocol")
            .map(|p| p.article.as_str())
            .collect();
        for article in [
            "6(1)(a)", "6(1)(b)", "6(1)(c)", "6(2)(a)", "6(2)(b)", "6(2)(c)", "6(3)(a)", "6(3)(b)",
            "5", "8(7)", "11(2)", "11(3)", "11(4)", "11(5)", "11(6)", "16", "18", "19",
        ] {
            assert!(articles.contains(&article), "{article}");
        }
        let related: Vec<&str> = provisions
            .iter()
            .filter(|p| p.group == "related")
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(related, ["TIP-3-5", "DOC-FRAUD", "COR-8"]);
        for provision in &provisions {
            assert!(
                provision.question_es.starts_with('¿'),
                "{}: the Spanish question opens with ¿",
                provision.code
            );
        }
    }

    #[test]
    fn a_provision_of_an_unknown_group_or_without_its_question_is_refused_with_its_line() {
        let header = "code,group,instrument,article,name_en,name_es,question_en,question_es\n";
        let bad_group = format!("{header}SOM-5,other,P,5,A,B,Q?,¿Q?\n");
        let error = parse("legislation_provisions.csv", &bad_group, check_provision).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("group is 'other'"), "{error}");
        let no_question = format!("{header}SOM-5,protection,P,5,A,B,Q,¿Q?\n");
        let error = parse("legislation_provisions.csv", &no_question, check_provision).unwrap_err();
        assert!(error.message.contains("question mark"), "{error}");
    }

    #[test]
    fn shipped_files_parse_with_the_expected_counts() {
        assert_eq!(countries().unwrap().len(), 16);
        assert_eq!(protocol_articles().unwrap().len(), 25);
        assert_eq!(indicators().unwrap().len(), 34);
    }

    #[test]
    fn every_indicator_names_a_shipped_article_and_codes_are_unique() {
        let articles: Vec<i32> = protocol_articles()
            .unwrap()
            .iter()
            .map(|a| a.article)
            .collect();
        let indicators = indicators().unwrap();
        for indicator in &indicators {
            assert!(articles.contains(&indicator.article), "{}", indicator.code);
        }
        let mut codes: Vec<&str> = indicators.iter().map(|i| i.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), indicators.len());
    }

    #[test]
    fn the_default_plan_code_matches_the_file() {
        assert!(DEFAULT_PLAN.contains(&format!("\ncode = \"{DEFAULT_PLAN_CODE}\"\n")));
    }

    #[test]
    fn eleven_members_and_five_observers() {
        let countries = countries().unwrap();
        let members = countries
            .iter()
            .filter(|c| c.membership == "member")
            .count();
        assert_eq!((members, countries.len() - members), (11, 5));
    }

    #[test]
    fn a_bad_value_is_reported_with_its_file_and_line() {
        let text = "iso2,iso3,name_en,name_es,membership\nBZ,BLZ,Belize,Belice,member\nCA,CAN,Canada,Canadá,partner\n";
        let err = parse("countries.csv", text, |c: &CountryRecord| {
            one_of("membership", &c.membership, &["member", "observer"])
        })
        .unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.to_string(),
            "countries.csv, line 3: membership is 'partner', expected one of: member, observer"
        );
    }

    #[test]
    fn a_malformed_row_is_reported_with_its_line() {
        let text = "code,article,provision,name_en,name_es,kind,direction,basis\nX-1,five,5,a,b,yes_no,higher,composed\n";
        let err = parse("indicators.csv", text, |_: &IndicatorRecord| Ok(())).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.message, "article: invalid digit found in string");
    }
}
