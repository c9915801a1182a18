//! The xinfang library half: server and command implementations.

pub mod server;
