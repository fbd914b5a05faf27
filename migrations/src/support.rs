//! Small builders shared by the schema migrations, so every foreign key and index is named the same way
//! (PostgreSQL wants index names unique across the schema).

use sea_orm_migration::prelude::*;

/// A foreign key `fk_<table>_<column>` from `table.column` to `target.id`.
pub fn foreign_key(
    table: impl IntoIden + Clone + 'static,
    column: impl IntoIden + Clone + 'static,
    target: impl IntoIden + 'static,
    target_id: impl IntoIden + 'static,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    let name = format!(
        "fk_{}_{}",
        table.clone().into_iden().to_string(),
        column.clone().into_iden().to_string()
    );
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(target, target_id)
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::Cascade)
        .to_owned()
}

/// An index `idx_<table>_<columns>` (or `uq_…` when unique) over `columns` of `table`.
pub fn index<T, C>(table: T, columns: &[C], unique: bool) -> IndexCreateStatement
where
    T: IntoIden + Clone + 'static,
    C: IntoIden + Clone + 'static,
{
    let names: Vec<String> = columns
        .iter()
        .map(|c| c.clone().into_iden().to_string())
        .collect();
    let prefix = if unique { "uq" } else { "idx" };
    let mut statement = Index::create()
        .name(format!(
            "{prefix}_{}_{}",
            table.clone().into_iden().to_string(),
            names.join("_")
        ))
        .table(table)
        .to_owned();
    for column in columns {
        statement.col(column.clone());
    }
    if unique {
        statement.unique();
    }
    statement
}
