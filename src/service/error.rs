use crate::domain::DomainError;
use crate::store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// An id, name or value that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Input that cannot be used as given.
    #[error("{0}")]
    Invalid(String),
    /// A run-time failure outside the store, e.g. a report that could not be made.
    #[error("{0}")]
    Failed(String),
    /// A query that does not parse, or names what does not exist; it
    /// carries the position (see `QueryError::caret`).
    #[error(transparent)]
    Query(#[from] crate::domain::query::QueryError),
}

impl ServiceError {
    /// The process exit code: 2 for bad input, refused commands and a store
    /// that cannot be used (in use, newer, corrupt, a full or failing disk);
    /// 1 for run-time failures outside the store.
    pub fn exit_code(&self) -> i32 {
        match self {
            ServiceError::Failed(_) => 1,
            _ => 2,
        }
    }
}
