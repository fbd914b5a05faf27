//! The reference data shipped with Enlace (`migrations/reference/*.csv`): RCM countries, the articles of
//! the Protocol against the Smuggling of Migrants by Land, Sea and Air, and its compliance indicators.
//! The files are compiled in, so the binary never reads them from disk.

use serde::Deserialize;

const COUNTRIES: &str = include_str!("../reference/countries.csv");
const PROTOCOL_ARTICLES: &str = include_str!("../reference/protocol_articles.csv");
const INDICATORS: &str = include_str!("../reference/indicators.csv");

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

#[cfg(test)]
mod tests {
    use super::*;

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
