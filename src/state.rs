//! Failure state: the last credential failure per profile, kept under
//! `$XDG_STATE_HOME/aws-shim/`, and the prompt cache beside it.
