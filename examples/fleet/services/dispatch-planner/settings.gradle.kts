rootProject.name = "dispatch-planner"
