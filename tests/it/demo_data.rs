//! The demonstration data tells one story: its figures obey the relations between the catalogue's
//! indicators, as a country's real figures would.

use std::collections::HashMap;

use sea_orm::EntityTrait;

use app::db::entities::{indicator, indicator_target, indicator_value};
use tests::TestDatabase;

/// Persons convicted (ENF-03) are some of those prosecuted (ENF-02), and the conviction share
/// (ENF-04) is the one over the other, counted on them, for every country's value and baseline.
#[tokio::test]
async fn convictions_follow_prosecutions_in_every_country() {
    let test = TestDatabase::new(true).await;
    let codes: HashMap<i32, String> = indicator::Entity::find()
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i.code))
        .collect();
    let mut values: HashMap<(i32, &str), indicator_value::Model> = HashMap::new();
    for value in indicator_value::Entity::find().all(&test.db).await.unwrap() {
        values.insert(
            (value.country_id, codes[&value.indicator_id].as_str()),
            value,
        );
    }
    let mut baselines: HashMap<(i32, &str), f64> = HashMap::new();
    for target in indicator_target::Entity::find()
        .all(&test.db)
        .await
        .unwrap()
    {
        baselines.insert(
            (target.country_id, codes[&target.indicator_id].as_str()),
            target.baseline_value.unwrap(),
        );
    }
    let countries: Vec<i32> = values
        .keys()
        .filter(|(_, code)| *code == "ENF-02")
        .map(|(country, _)| *country)
        .collect();
    assert!(countries.len() > 5);
    for country in countries {
        let value = |code: &str| values[&(country, code)].value.unwrap();
        let (prosecuted, convicted) = (value("ENF-02"), value("ENF-03"));
        assert!(convicted <= prosecuted, "{convicted} of {prosecuted}");
        let share = &values[&(country, "ENF-04")];
        assert_eq!(share.denominator, Some(prosecuted));
        assert_eq!(share.numerator, Some(convicted));
        assert!((share.value.unwrap() - 100.0 * convicted / prosecuted).abs() < 1e-9);

        let baseline = |code: &str| baselines[&(country, code)];
        assert!(baseline("ENF-03") <= baseline("ENF-02"));
        assert!(
            (baseline("ENF-04") - 100.0 * baseline("ENF-03") / baseline("ENF-02")).abs() < 1e-9
        );
    }
}
