/**
 * Decision receipts: compact JWS (ES256) over what the service answered, signed with a key that a
 * PEM file supplies or that is generated once and kept in the database for every instance; the
 * published keys ({@code /.well-known/jwks.json}), rotation, and verification of a receipt's
 * signature and of its rules' contents at its revision. Depends on the decision core, the ruleset
 * format, the store and the error format; the read and check APIs use it to sign their answers.
 */
package io.exoreg.receipt;
