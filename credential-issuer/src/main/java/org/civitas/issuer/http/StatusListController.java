package org.civitas.issuer.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import org.civitas.issuer.status.StatusList;
import org.civitas.issuer.status.StatusLists;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.server.ledger.LedgerClient;

/**
 * Serves signed status list credentials at their URLs ({@code <base-url>/<id>}), as verifiers that follow a
 * credential's {@code statusListCredential} fetch them (Bitstring Status List v1.0 §3.2 step 1). The same
 * credential GetStatusList answers, without the ledger anchor.
 */
@Controller("/status-lists")
@Requires(beans = LedgerClient.class)
public class StatusListController {

    private final StatusListStore lists;
    private final StatusLists allocator;

    public StatusListController(StatusListStore lists, StatusLists allocator) {
        this.lists = lists;
        this.allocator = allocator;
    }

    @Get(value = "/{id}", produces = "application/vc+ld+json")
    HttpResponse<String> list(@PathVariable String id) {
        return lists.find(allocator.baseUrl() + "/" + id).filter(l -> l.version() > 0).map(StatusList::credential)
            .map(json -> HttpResponse.ok(json).contentType(MediaType.of("application/vc+ld+json")))
            .orElseGet(HttpResponse::notFound);
    }
}
