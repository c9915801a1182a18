//! The xinfang library half: server and command implementations.
