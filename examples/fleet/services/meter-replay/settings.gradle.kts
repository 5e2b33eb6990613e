rootProject.name = "meter-replay"
