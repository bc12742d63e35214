package io.budai.admin.plans;

import io.budai.admin.users.Users;
import io.budai.platform.web.ProblemException;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Plans and users' plans (admin API). */
@RestController
class PlanController {

  private final Plans plans;
  private final Users users;

  PlanController(Plans plans, Users users) {
    this.plans = plans;
    this.users = users;
  }

  @PostMapping("/admin/plans")
  ResponseEntity<PlanResponse> create(@Valid @RequestBody PlanRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(plans.create(request));
  }

  @GetMapping("/admin/plans")
  List<PlanResponse> list() {
    return plans.list();
  }

  @GetMapping("/admin/plans/{id}")
  PlanResponse get(@PathVariable long id) {
    return plans.require(id);
  }

  @PutMapping("/admin/plans/{id}")
  PlanResponse replace(@PathVariable long id, @Valid @RequestBody PlanRequest request) {
    return plans.replace(id, request);
  }

  @DeleteMapping("/admin/plans/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    plans.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/admin/users/{userId}/plan")
  ResponseEntity<UserPlanResponse> assign(
      @PathVariable long userId, @Valid @RequestBody UserPlanRequest request) {
    users.require(userId);
    return ResponseEntity.status(HttpStatus.CREATED).body(plans.assign(userId, request, false));
  }

  @GetMapping("/admin/users/{userId}/plan")
  UserPlanResponse planOf(@PathVariable long userId) {
    users.require(userId);
    return plans.planOf(userId).orElseThrow(() -> noPlan(userId));
  }

  @PutMapping("/admin/users/{userId}/plan")
  UserPlanResponse change(@PathVariable long userId, @Valid @RequestBody UserPlanRequest request) {
    users.require(userId);
    return plans.assign(userId, request, true);
  }

  @DeleteMapping("/admin/users/{userId}/plan")
  ResponseEntity<Void> unassign(@PathVariable long userId) {
    users.require(userId);
    if (!plans.unassign(userId)) {
      throw noPlan(userId);
    }
    return ResponseEntity.noContent().build();
  }

  private static ProblemException noPlan(long userId) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "user-plan-not-found",
        "No plan",
        "User " + userId + " has no plan assigned.");
  }
}
