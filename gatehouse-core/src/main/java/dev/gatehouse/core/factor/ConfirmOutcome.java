package dev.gatehouse.core.factor;

import java.util.List;

/** What became of the first code typed from a new authenticator app. */
public sealed interface ConfirmOutcome {

    /** The app now counts; {@code recoveryCodes} are shown this once and never again. */
    record Confirmed(List<String> recoveryCodes) implements ConfirmOutcome {
        public Confirmed {
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        @Override
        public String toString() {
            return "Confirmed[" + recoveryCodes.size() + " recovery codes]";
        }
    }

    /** Not the code of now (±1 step); nothing changed. */
    record WrongCode() implements ConfirmOutcome {}

    /** No authenticator is being set up (or it was confirmed already). */
    record NothingToConfirm() implements ConfirmOutcome {}
}
