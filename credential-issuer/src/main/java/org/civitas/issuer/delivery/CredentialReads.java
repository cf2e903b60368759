package org.civitas.issuer.delivery;

import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.issuance.IssuedCredential;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * What wallets (and issuers) may read: a citizen reads and lists only their own credentials, an agency reads
 * what it issued. The reader is the authenticated DID (an AuthToken by one of its keys, or a Firebase ID token
 * whose {@code did} claim names it). Thread-safe.
 */
public final class CredentialReads {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 1000;

    /** A page of a holder's credentials. */
    public record Page(List<IssuedCredential> credentials, String nextPageToken) { }

    private final CredentialStore store;

    public CredentialReads(CredentialStore store) {
        this.store = store;
    }

    /** @throws IssuerException REQUEST_INVALID, CREDENTIAL_NOT_FOUND, NOT_HOLDER */
    public IssuedCredential get(Did reader, String credentialId) {
        if (credentialId.isEmpty()) throw IssuerException.invalidField("credential_id", "is required");
        IssuedCredential credential = store.find(credentialId).orElseThrow(() -> IssuerException.about(
            Reason.CREDENTIAL_NOT_FOUND, "credential", credentialId, "no credential " + credentialId));
        if (!credential.holder().equals(reader) && !credential.issuer().equals(reader)) {
            // the same answer whether or not it exists would hide existence; ids are unguessable, so say why
            throw IssuerException.of(Reason.NOT_HOLDER, "this credential belongs to another holder",
                Map.of("credentialId", credentialId));
        }
        return credential;
    }

    /** @throws IssuerException REQUEST_INVALID, NOT_HOLDER */
    public Page list(Did reader, String holderDid, int pageSize, String pageToken) {
        Did holder = reader;
        if (!holderDid.isEmpty()) {
            try {
                holder = Did.parse(holderDid);
            } catch (FormatException e) {
                throw IssuerException.invalidField("holder_did", "is not a DID: " + e.getMessage());
            }
        }
        if (!holder.equals(reader)) {
            throw IssuerException.of(Reason.NOT_HOLDER, "a wallet lists only its own credentials",
                Map.of("holderDid", holder.toString()));
        }
        if (pageSize < 0 || pageSize > MAX_PAGE) {
            throw IssuerException.invalidField("page_size", "must be 0.." + MAX_PAGE);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE : pageSize;
        Date before = null;
        String beforeId = null;
        if (!pageToken.isEmpty()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split(" ", 2);
                before = Date.from(Instant.ofEpochMilli(Long.parseLong(parts[0])));
                beforeId = parts[1];
            } catch (RuntimeException e) {
                throw IssuerException.invalidField("page_token", "is not a token this service gave out");
            }
        }
        List<IssuedCredential> page = store.byHolder(holder, before, beforeId, size + 1);
        String next = "";
        if (page.size() > size) {
            page = page.subList(0, size);
            IssuedCredential last = page.get(size - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.issuedAt().toEpochMilli() + " "
                + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(List.copyOf(page), next);
    }
}
