package dev.rigel.benchmarks.spring.db;

import dev.rigel.benchmarks.common.TechEmpower;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * TechEmpower's database tests on Spring Web MVC (virtual threads) and Spring Data JPA; fortunes
 * are rendered by the Mustache starter's view resolver (HTML-escaping {@code {{ }}}).
 * Active with the {@code db} profile only.
 */
@Controller
@Profile("db")
public class DbController {

    private final WorldService service;

    public DbController(WorldService service) {
        this.service = service;
    }

    @GetMapping("/db")
    @ResponseBody
    public World db() {
        return service.world();
    }

    @GetMapping("/queries")
    @ResponseBody
    public List<World> queries(@RequestParam(name = "queries", required = false) String queries) {
        return service.worlds(TechEmpower.queries(queries));
    }

    @GetMapping("/updates")
    @ResponseBody
    public List<World> updates(@RequestParam(name = "queries", required = false) String queries) {
        return service.update(TechEmpower.queries(queries));
    }

    @GetMapping("/fortunes")
    public ModelAndView fortunes() {
        return new ModelAndView("fortunes", Map.of("fortunes", service.fortunes()));
    }
}
