//! The xinfang product surface: the command line and the HTTP server over
//! the archive. This crate never parses files (that is `xinfang-ingest`) and
//! never touches the index writer directly (that is `xinfang-index`).

#[macro_use]
pub mod cli;
pub mod report;
pub mod server;
