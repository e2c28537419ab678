//! The shared pool of credits every generation draws from (FastHTML's example keeps it in a
//! global variable, reset on every restart; here it is one row in the SQLite file). Spending
//! and adding are single conditional `UPDATE`s, so two requests at once can never take the
//! pool below zero.

use ft_web::data::params;
use ft_web::prelude::*;

#[derive(Record, Clone, Debug)]
#[table(name = "credits")]
pub struct Credits {
    id: i64,
    balance: i64,
}

/// The id of the pool's row.
const POOL: i64 = 1;

/// Credits left; `initial` until the pool is first spent from or added to.
pub async fn balance(pool: &Tbl<Credits>, initial: i64) -> Result<i64> {
    Ok(pool.try_get(POOL).await?.map_or(initial, |c| c.balance))
}

/// Takes one credit; `false` when there is none left.
pub async fn spend_one(pool: &Tbl<Credits>, initial: i64) -> Result<bool> {
    create(pool, initial).await?;
    let changed = pool
        .database()
        .execute(
            "UPDATE credits SET balance = balance - 1 WHERE id = ? AND balance > 0",
            params![POOL],
        )
        .await?;
    Ok(changed == 1)
}

/// Adds `n` credits (a completed purchase).
pub async fn add(pool: &Tbl<Credits>, initial: i64, n: i64) -> Result<()> {
    create(pool, initial).await?;
    pool.database()
        .execute(
            "UPDATE credits SET balance = balance + ? WHERE id = ?",
            params![n, POOL],
        )
        .await?;
    Ok(())
}

/// Makes the pool's row, with `initial` credits, unless it exists.
async fn create(pool: &Tbl<Credits>, initial: i64) -> Result<()> {
    pool.database()
        .execute(
            "INSERT INTO credits (id, balance) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            params![POOL, initial],
        )
        .await?;
    Ok(())
}
