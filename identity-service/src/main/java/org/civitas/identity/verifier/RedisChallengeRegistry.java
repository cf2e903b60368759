package org.civitas.identity.verifier;

import org.civitas.sdk.policy.ChallengeRegistry;

/**
 * The SDK's single-use rule for interactive challenges, answered from {@link PresentationChallenges}: a challenge
 * is consumed when it was made here for that domain and is still open; never made, expired, used or for another
 * domain all say no. Shared by every replica through Redis.
 */
public final class RedisChallengeRegistry implements ChallengeRegistry {

    private final PresentationChallenges challenges;

    public RedisChallengeRegistry(PresentationChallenges challenges) {
        this.challenges = challenges;
    }

    @Override
    public boolean consume(String challenge, String domain) {
        return challenges.claim(challenge) instanceof PresentationChallenges.Claim.Claimed claimed
            && claimed.challenge().domain().equals(domain);
    }
}
