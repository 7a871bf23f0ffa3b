package dev.rigel.benchmarks.spring.db;

import org.springframework.data.jpa.repository.JpaRepository;

public interface FortuneRepository extends JpaRepository<Fortune, Integer> {}
