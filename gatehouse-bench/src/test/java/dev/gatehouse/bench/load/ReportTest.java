package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bench.load.ServerCpu.Part;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static Result login(String workload, long operations, double cpuMsPerOp, double hashingMsPerOp) {
        return new Result(
                workload,
                "closed",
                16,
                operations,
                0,
                20,
                250,
                400,
                450,
                460,
                cpuMsPerOp,
                Map.of(
                        Part.HASHING,
                        hashingMsPerOp,
                        Part.REQUESTS,
                        cpuMsPerOp - hashingMsPerOp,
                        Part.GROUP_COMMIT,
                        0.0,
                        Part.JIT,
                        0.0,
                        Part.COLLECTOR,
                        0.0,
                        Part.OTHER,
                        0.0),
                220);
    }

    @Test
    void aLoginsRatioToTheCeilingIsSplitIntoCoresKeptBusyHashSlowdownAndHashShare() {
        // 60 logins/s at 31 ms of CPU each on 2 cores, 24.4 ms of it hashing, against a 22 ms hash alone:
        // 0.66 of the ceiling (2 / 22 ms = 90.9/s) = 0.93 busy × 0.90 slowdown × 0.79 share.
        List<List<Result>> runs = List.of(List.of(login("token-login", 1_200, 31.0, 24.4)));

        String text = Report.loginCpu(runs, List.of(22.0), 2);

        assertThat(text)
                .contains("A token login cost the server 31.0 ms of CPU")
                .contains("hashing 24.4, requests 6.6, group commit 0.0, JIT compilers 0.0")
                .contains("the cores kept busy, 0.93")
                .contains("its CPU time on the server's hashing threads, 0.90")
                .contains("the hash's share of a login's CPU, 0.79");
    }

    @Test
    void workloadsThatDoNotLogInAreLeftOut() {
        Result refresh = login("refresh", 60_000, 0.5, 0.0).named("refresh");
        assertThat(Report.loginCpu(List.of(List.of(refresh)), List.of(22.0), 2)).isEmpty();
    }
}
