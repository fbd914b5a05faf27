//! Who may do what: the one policy that every server function and route asks before it reads or writes.
//! Pure, so the browser build can use it to leave out what a user cannot do; leaving a button out is a
//! courtesy, the server-side check is the rule.

use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::i18n::Lang;

/// The signed-in user, as the policy and the pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The country a focal point reports for; `None` for reviewers and the secretariat.
    pub country: Option<ViewerCountry>,
    pub language: Lang,
    /// Signed in with a one-time password: nothing is allowed until it is changed.
    pub must_change_password: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ViewerCountry {
    pub id: i32,
    pub iso2: String,
}

/// Something a user may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Read the plan, the countries' updates, the charts and the annual reports.
    Read,
    /// Change one's own password and language.
    ManageOwnAccount,
    /// Comment on countries' updates.
    Comment,
    /// Change what the country with this id reports: action statuses, milestones, indicator values.
    EditCountry(i32),
    /// Edit the plan, run reporting rounds, validate submissions, remind countries.
    Coordinate,
    /// Create, deactivate and reset the passwords of users.
    ManageUsers,
    /// Read the audit trail.
    ReadAudit,
}

impl Viewer {
    pub fn country_id(&self) -> Option<i32> {
        self.country.as_ref().map(|country| country.id)
    }

    /// Whether this user may do `permission`.
    pub fn may(&self, permission: Permission) -> bool {
        if self.must_change_password {
            return permission == Permission::ManageOwnAccount;
        }
        match (self.role, permission) {
            (Role::Secretariat, _) => true,
            (_, Permission::Read | Permission::ManageOwnAccount) => true,
            (Role::Reviewer, Permission::Comment) => true,
            (Role::FocalPoint, Permission::EditCountry(country_id)) => {
                self.country_id() == Some(country_id)
            }
            _ => false,
        }
    }
}

/// The signed-in user of the current request, and the policy's answer for it (server side).
#[cfg(feature = "ssr")]
mod ssr {
    use leptos::prelude::use_context;

    use super::{Permission, Viewer};
    use crate::error::AppError;

    /// The id of the session the current request came with (its stored hash, never the token).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SessionId(pub String);

    /// The address sign-in throttling counts attempts by.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ClientAddress(pub String);

    fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
        use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
    }

    /// The signed-in user of the current request, put there by the server's session middleware.
    pub fn current_viewer() -> Option<Viewer> {
        request_extension::<Viewer>()
    }

    pub fn current_session() -> Option<SessionId> {
        request_extension::<SessionId>()
    }

    pub fn client_address() -> ClientAddress {
        request_extension::<ClientAddress>().unwrap_or_else(|| ClientAddress("unknown".to_owned()))
    }

    /// The signed-in user, if the policy lets them do `permission`: `Unauthenticated` without a
    /// session, `Forbidden` when the role or country does not allow it.
    pub fn require(permission: Permission) -> Result<Viewer, AppError> {
        let viewer = current_viewer().ok_or(AppError::Unauthenticated)?;
        if viewer.may(permission) {
            Ok(viewer)
        } else {
            tracing::warn!(
                user = viewer.user_id,
                ?permission,
                "refused by the access policy"
            );
            Err(AppError::Forbidden)
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{client_address, current_session, current_viewer, require, ClientAddress, SessionId};

#[cfg(test)]
mod tests {
    use super::*;

    const COSTA_RICA: i32 = 3;
    const MEXICO: i32 = 8;

    fn viewer(role: Role, country: Option<i32>) -> Viewer {
        Viewer {
            user_id: 1,
            name: "A".into(),
            email: "a@example.org".into(),
            role,
            country: country.map(|id| ViewerCountry {
                id,
                iso2: "XX".into(),
            }),
            language: Lang::En,
            must_change_password: false,
        }
    }

    #[test]
    fn a_focal_point_reads_everything_and_writes_only_for_their_country() {
        let focal = viewer(Role::FocalPoint, Some(COSTA_RICA));
        assert!(focal.may(Permission::Read));
        assert!(focal.may(Permission::EditCountry(COSTA_RICA)));
        assert!(!focal.may(Permission::EditCountry(MEXICO)));
        assert!(!focal.may(Permission::Comment));
        assert!(!focal.may(Permission::ManageUsers));
        assert!(!focal.may(Permission::ReadAudit));
        assert!(!focal.may(Permission::Coordinate));
    }

    #[test]
    fn a_reviewer_reads_and_comments() {
        let reviewer = viewer(Role::Reviewer, None);
        assert!(reviewer.may(Permission::Read));
        assert!(reviewer.may(Permission::Comment));
        assert!(!reviewer.may(Permission::EditCountry(COSTA_RICA)));
        assert!(!reviewer.may(Permission::ManageUsers));
    }

    #[test]
    fn the_secretariat_does_everything() {
        let secretariat = viewer(Role::Secretariat, None);
        for permission in [
            Permission::Read,
            Permission::Comment,
            Permission::EditCountry(MEXICO),
            Permission::Coordinate,
            Permission::ManageUsers,
            Permission::ReadAudit,
        ] {
            assert!(secretariat.may(permission), "{permission:?}");
        }
    }

    #[test]
    fn a_one_time_password_allows_nothing_but_changing_it() {
        let mut secretariat = viewer(Role::Secretariat, None);
        secretariat.must_change_password = true;
        assert!(secretariat.may(Permission::ManageOwnAccount));
        assert!(!secretariat.may(Permission::Read));
        assert!(!secretariat.may(Permission::ManageUsers));
    }

    #[test]
    fn a_focal_point_without_a_country_writes_for_none() {
        let focal = viewer(Role::FocalPoint, None);
        assert!(!focal.may(Permission::EditCountry(COSTA_RICA)));
    }
}
