//! Indexes: the ones a struct declares (`#[table(index = "name")]`, created with the table)
//! and the ones a scope needs. A scoped handle filters every statement by its `xtra` columns;
//! without an index each of those statements reads the whole table, so one account's rows
//! would slow every other account's pages. The first statement through a scope whose column
//! leads no index creates one (once per database and scope, `IF NOT EXISTS` on both backends).

use crate::shape::Shape;
use crate::sql::{Args, push_ident};
use crate::{Database, Result, RowType, Schema, Table};

/// `CREATE INDEX IF NOT EXISTS "idx_todos_name" ON "todos" ("name")`.
fn index_sql(schema: &Schema, cols: &[usize]) -> String {
    let names: Vec<&str> = cols
        .iter()
        .map(|&i| schema.columns[i].name.as_str())
        .collect();
    let mut s = String::from("CREATE INDEX IF NOT EXISTS ");
    push_ident(&mut s, &format!("idx_{}_{}", schema.name, names.join("_")));
    s.push_str(" ON ");
    push_ident(&mut s, &schema.name);
    s.push_str(" (");
    for (k, n) in names.iter().enumerate() {
        if k > 0 {
            s.push_str(", ");
        }
        push_ident(&mut s, n);
    }
    s.push(')');
    s
}

impl Database {
    /// Creates an index on these columns of the table unless it exists.
    pub(crate) async fn create_index(&self, schema: &Schema, cols: &[usize]) -> Result<()> {
        if cols.is_empty() {
            return Ok(());
        }
        let sql = index_sql(schema, cols);
        self.execute_write(sql.into(), Args::default()).await?;
        Ok(())
    }
}

impl<T: RowType> Table<T> {
    /// Makes sure every scoped column of this handle leads an index (the declared ones and
    /// the primary key count). Costs one atomic load after the first call per shape.
    pub(crate) fn scope_indexed(&self) -> impl Future<Output = Result<()>> + Send + '_ {
        // Not generic over the row type: one copy of the future for every table.
        index_scope(self.database(), self.shape())
    }
}

pub(crate) async fn index_scope(db: &Database, shape: &Shape) -> Result<()> {
    if shape.xtra.is_empty() || shape.indexed.initialized() {
        return Ok(());
    }
    shape
        .indexed
        .get_or_try_init(|| async {
            let schema = &shape.schema;
            for &col in shape.xtra.iter().filter(|&&c| !schema.leads_index(c)) {
                if let Err(e) = db.create_index(schema, &[col]).await {
                    // The index only makes scoped statements fast: a database the app may
                    // not change (read-only file, restricted role) still works without it.
                    tracing::warn!(
                        table = %schema.name,
                        column = %schema.columns[col].name,
                        "no index on a scoped column: {e}"
                    );
                }
            }
            Ok::<(), crate::Error>(())
        })
        .await?;
    Ok(())
}
