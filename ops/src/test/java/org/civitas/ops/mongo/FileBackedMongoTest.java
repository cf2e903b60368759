package org.civitas.ops.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class FileBackedMongoTest {

    @Test
    void documentWrittenThroughTheDriver_survivesARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mongo/civitas.mv.db");
        try (FileBackedMongo mongo = FileBackedMongo.start(file, 0);
             MongoClient client = MongoClients.create(mongo.uri())) {
            client.getDatabase("identity").getCollection("citizens")
                .insertOne(new Document("_id", "did:civitas:abc").append("devices", 1));
        }

        try (FileBackedMongo mongo = FileBackedMongo.start(file, 0);
             MongoClient client = MongoClients.create(mongo.uri())) {
            Document citizen = client.getDatabase("identity").getCollection("citizens")
                .find(new Document("_id", "did:civitas:abc")).first();
            assertNotNull(citizen, "the document written before the restart");
            assertEquals(1, citizen.getInteger("devices"));
        }
    }
}
