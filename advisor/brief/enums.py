"""The closed sets of answers the advisor understands.

Rules, questions, the data layer and the report all speak these values, so a value is spelled the same way in a rule
file, an answers file, the JSON report and the code. Values are lower_snake_case strings.
"""

from __future__ import annotations

from enum import Enum


class Vocabulary(str, Enum):
    """Base of every enum here: compares and serialises as its plain string value."""

    def __str__(self) -> str:
        return str(self.value)


class Step(Vocabulary):
    """The ten steps of the end-to-end workflow (seed 000), in order."""

    problem = "problem"
    metrics = "metrics"
    data_sources = "data_sources"
    exploration = "exploration"
    cleaning = "cleaning"
    features = "features"
    models = "models"
    training = "training"
    deployment = "deployment"
    iteration = "iteration"


STEP_TITLES: dict[Step, str] = {
    Step.problem: "Problem and constraints",
    Step.metrics: "Metrics",
    Step.data_sources: "Data sources",
    Step.exploration: "Exploration",
    Step.cleaning: "Cleaning",
    Step.features: "Feature engineering",
    Step.models: "Model selection",
    Step.training: "Training and evaluation",
    Step.deployment: "Deployment and monitoring",
    Step.iteration: "Iteration",
}


STEP_ORDER: dict[str, int] = {step.value: index for index, step in enumerate(Step)}


class Category(Vocabulary):
    """What kind of thing a recommendation, exclusion or risk is about."""

    metric = "metric"
    data_source = "data_source"
    data_strategy = "data_strategy"
    exploration = "exploration"
    cleaning = "cleaning"
    feature = "feature"
    model_family = "model_family"
    evaluation = "evaluation"
    tuning = "tuning"
    deployment = "deployment"
    monitoring = "monitoring"
    iteration = "iteration"
    risk = "risk"
    legal = "legal"


class Strength(Vocabulary):
    """How strongly an item is recommended. At most one `primary` item per category survives inference."""

    primary = "primary"
    recommended = "recommended"
    consider = "consider"


class Severity(Vocabulary):
    """How bad a risk or a wrong prediction is."""

    low = "low"
    moderate = "moderate"
    high = "high"
    critical = "critical"


SEVERITY_RANK: dict[str, int] = {"low": 0, "moderate": 1, "high": 2, "critical": 3}


class TaskType(Vocabulary):
    binary_classification = "binary_classification"
    multiclass_classification = "multiclass_classification"
    multilabel_classification = "multilabel_classification"
    regression = "regression"
    forecasting = "forecasting"
    ranking = "ranking"
    recommendation = "recommendation"
    clustering = "clustering"
    anomaly_detection = "anomaly_detection"
    dimensionality_reduction = "dimensionality_reduction"


class TargetKind(Vocabulary):
    """The range of a numeric target: it decides the loss (squared error, Poisson or Gamma deviance)."""

    real = "real"
    counts = "counts"  # not `count`: a member of that name would hide str.count
    positive = "positive"
    proportion = "proportion"


class PredictionOutput(Vocabulary):
    """What one prediction must give: the statistical functional the metric should be consistent for."""

    class_label = "class_label"
    probability = "probability"
    score = "score"
    mean = "mean"
    median = "median"
    quantile = "quantile"


class Domain(Vocabulary):
    general = "general"
    lending = "lending"
    insurance = "insurance"
    payments = "payments"
    hiring = "hiring"
    education = "education"
    health = "health"
    housing = "housing"
    public_services = "public_services"
    law_enforcement = "law_enforcement"
    justice = "justice"
    migration = "migration"
    critical_infrastructure = "critical_infrastructure"
    biometrics = "biometrics"
    advertising = "advertising"
    ecommerce = "ecommerce"
    media = "media"
    search = "search"
    telecom = "telecom"
    manufacturing = "manufacturing"
    transportation = "transportation"


class PriorApproach(Vocabulary):
    none = "none"
    manual = "manual"
    heuristic_rules = "heuristic_rules"
    existing_model = "existing_model"
    vendor_solution = "vendor_solution"


class HeuristicFit(Vocabulary):
    """Would a simple heuristic or hand-written rules solve the problem well enough?"""

    works_well = "works_well"
    partly = "partly"
    no = "no"


class HumanInLoop(Vocabulary):
    none = "none"
    review_uncertain = "review_uncertain"
    review_all = "review_all"
    human_decides = "human_decides"


class Decomposition(Vocabulary):
    single_model = "single_model"
    sub_problems = "sub_problems"


class UserKind(Vocabulary):
    analysts = "analysts"
    business_team = "business_team"
    operations_staff = "operations_staff"
    customers = "customers"
    developers = "developers"
    automated_system = "automated_system"


class Integration(Vocabulary):
    standalone = "standalone"
    integrated = "integrated"
    both = "both"


class Jurisdiction(Vocabulary):
    us = "us"
    eu = "eu"
    uk = "uk"
    other = "other"


class Regulation(Vocabulary):
    ecoa = "ecoa"
    fcra = "fcra"
    fair_housing = "fair_housing"
    gdpr = "gdpr"
    eu_ai_act = "eu_ai_act"
    hipaa = "hipaa"
    ccpa = "ccpa"
    coppa = "coppa"
    sector_specific = "sector_specific"


class ProtectedAttribute(Vocabulary):
    """Attributes that anti-discrimination law (ECOA / Regulation B, GDPR art. 9, ...) protects."""

    race = "race"
    color = "color"
    religion = "religion"
    national_origin = "national_origin"
    sex = "sex"
    gender_identity = "gender_identity"
    sexual_orientation = "sexual_orientation"
    marital_status = "marital_status"
    age = "age"
    disability = "disability"
    pregnancy = "pregnancy"
    genetic_information = "genetic_information"
    public_assistance = "public_assistance"
    health = "health"
    biometric = "biometric"
    political_opinion = "political_opinion"


class Automation(Vocabulary):
    """How far the prediction decides on its own (GDPR art. 22 cares about `fully_automated`)."""

    advisory = "advisory"
    human_reviewed = "human_reviewed"
    fully_automated = "fully_automated"


class Explainability(Vocabulary):
    not_needed = "not_needed"
    helpful = "helpful"
    global_required = "global_required"
    per_decision_required = "per_decision_required"


class PredictionTiming(Vocabulary):
    real_time = "real_time"
    near_real_time = "near_real_time"
    batch = "batch"
    ad_hoc = "ad_hoc"


class DeploymentTarget(Vocabulary):
    cloud = "cloud"
    on_premise = "on_premise"
    mobile = "mobile"
    edge_device = "edge_device"
    browser = "browser"
    embedded = "embedded"


class Budget(Vocabulary):
    low = "low"
    medium = "medium"
    high = "high"


class RetrainCadence(Vocabulary):
    one_off = "one_off"
    quarterly = "quarterly"
    monthly = "monthly"
    weekly = "weekly"
    daily = "daily"
    continuous = "continuous"


class DataSource(Vocabulary):
    internal_database = "internal_database"
    event_logs = "event_logs"
    user_onboarding = "user_onboarding"
    crowdsourcing = "crowdsourcing"
    purchased = "purchased"
    scraped = "scraped"
    labeling_service = "labeling_service"
    public_dataset = "public_dataset"
    client_provided = "client_provided"
    sensors = "sensors"
    synthetic = "synthetic"


class FeatureType(Vocabulary):
    numeric = "numeric"
    categorical = "categorical"
    boolean = "boolean"
    text = "text"
    datetime = "datetime"
    image = "image"
    audio = "audio"
    video = "video"
    geospatial = "geospatial"
    graph = "graph"
    sequence = "sequence"


class LabelAvailability(Vocabulary):
    labeled = "labeled"
    partial = "partial"
    unlabeled = "unlabeled"


class LabelQuality(Vocabulary):
    clean = "clean"
    noisy = "noisy"


class Imbalance(Vocabulary):
    """Share of the rarest class: balanced >= 35 %, mild 10-35 %, severe 1-10 %, extreme < 1 %."""

    balanced = "balanced"
    mild = "mild"
    severe = "severe"
    extreme = "extreme"


class Freshness(Vocabulary):
    """How often the data changes or is refreshed."""

    static = "static"
    monthly = "monthly"
    weekly = "weekly"
    daily = "daily"
    hourly = "hourly"
    streaming = "streaming"


class BiasRisk(Vocabulary):
    """What is known about sampling, selection or response bias in how the data was collected."""

    none_known = "none_known"
    suspected = "suspected"
    known = "known"


class UseCase(Vocabulary):
    """Common applications whose practice differs from the generic task (ad clicks, next-word prediction, ...)."""

    ad_click_prediction = "ad_click_prediction"
    next_word_prediction = "next_word_prediction"
    content_moderation = "content_moderation"
    fraud_detection = "fraud_detection"
    mortgage_lending = "mortgage_lending"
    consumer_credit = "consumer_credit"
    candidate_screening = "candidate_screening"
    medical_diagnosis = "medical_diagnosis"
    predictive_policing = "predictive_policing"
    risk_assessment = "risk_assessment"
    demand_forecasting = "demand_forecasting"
    predictive_maintenance = "predictive_maintenance"
    other = "other"


class LabelSource(Vocabulary):
    """Where the labels come from: it decides which biases the labels carry (selective labels, feedback loops)."""

    observed_outcome = "observed_outcome"
    proxy_outcome = "proxy_outcome"
    past_human_decisions = "past_human_decisions"
    model_actions = "model_actions"
    policy_judgement = "policy_judgement"
    expert_annotation = "expert_annotation"


def imbalance_band(minority_share: float) -> Imbalance:
    """Band of the share of the rarest class (see `Imbalance`)."""
    if minority_share < 0.01:
        return Imbalance.extreme
    if minority_share < 0.10:
        return Imbalance.severe
    if minority_share < 0.35:
        return Imbalance.mild
    return Imbalance.balanced
