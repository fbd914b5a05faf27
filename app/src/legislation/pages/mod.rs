//! The legislation pages: the comparative matrix (`/legislation`) and a provision's page with
//! every country's text side by side (`matrix`); a country's legislation and its entry on a
//! provision, with the form that keeps it and its history (`country`); two to four countries side
//! by side and what changed since a day (`compare`); what an entry says, as each of them shows it
//! (`facts`).

pub mod compare;
pub mod country;
pub mod facts;
pub mod matrix;
