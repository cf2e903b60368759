package org.civitas.server;

import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeRequest;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeResponse;
import org.civitas.proto.verifier.v1.VerifierGrpc;
import org.civitas.server.auth.Caller;

/** Answers with who the call came from, to test authentication through a real call. */
@Singleton
@Requires(env = "test")
class EchoCallerVerifier extends VerifierGrpc.VerifierImplBase {

    @Override
    public void createPresentationChallenge(CreatePresentationChallengeRequest request,
                                            StreamObserver<CreatePresentationChallengeResponse> out) {
        String who = Caller.current() instanceof Caller.Authenticated a ? a.did() + " " + a.keyId() : "anonymous";
        out.onNext(CreatePresentationChallengeResponse.newBuilder().setChallenge(who).build());
        out.onCompleted();
    }
}
