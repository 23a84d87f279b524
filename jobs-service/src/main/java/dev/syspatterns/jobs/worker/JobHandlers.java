package dev.syspatterns.jobs.worker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link JobHandler} bean by its type: the set of job types this deployment accepts. */
@Component
public class JobHandlers {

    private final Map<String, JobHandler> byType;

    JobHandlers(List<JobHandler> handlers) {
        this.byType = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::type, Function.identity()));
    }

    public Optional<JobHandler> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public SortedSet<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
