package io.waymark.location;

import io.waymark.store.ConditionalOnStore;
import io.waymark.store.StoreFamily;
import io.waymark.user.UserDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** MongoDB has no foreign keys to cascade through, so a deleted user's pings are removed on the event. */
@Component
@ConditionalOnStore(StoreFamily.MONGO)
class LocationsOfDeletedUsers {

    private final LocationStore store;

    LocationsOfDeletedUsers(LocationStore store) {
        this.store = store;
    }

    @EventListener
    void on(UserDeleted event) {
        store.deleteByUser(event.userId());
    }
}
